using System.Globalization;
using Azure;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Pairs;

/// <summary>
/// The one way a pair's background job names its pair (tenant, program, pair in the job's data) and finds it again:
/// with its program, and only while the pair is open, since nothing is sent for a closed pair.
/// </summary>
public static class PairJobs
{
    public static Dictionary<string, string> Data(Pair pair) =>
        new() { ["tenant"] = pair.TenantId, ["program"] = pair.ProgramId, ["pair"] = pair.PairId };

    /// <summary>A pair's once-a-day job: keyed by the UTC day it is due, so scheduling it twice that day does nothing.</summary>
    public static Job Daily(string kind, Pair pair, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new Job(kind, $"{pair.TenantId}/{pair.PairId}/{dueAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", dueAt)
        {
            Data = Data(pair),
        };
    }

    /// <summary>The open pair and its program, or null when either is gone or the pair has closed.</summary>
    public static async Task<OpenPair?> LoadOpenAsync(Job job, PairStore pairs, ProgramStore programs, CancellationToken cancellationToken)
    {
        if (job.Get("tenant") is not { } tenant || job.Get("program") is not { } programId || job.Get("pair") is not { } pairId)
        {
            return null;
        }

        var pair = await pairs.GetAsync(tenant, programId, pairId, cancellationToken).ConfigureAwait(false);
        var program = await programs.GetAsync(tenant, programId, cancellationToken).ConfigureAwait(false);
        return pair is { } p && program is { } g && !p.Pair.IsClosed ? new OpenPair(p.Pair, p.ETag, g.Program) : null;
    }
}

public sealed record OpenPair(Pair Pair, ETag ETag, MentorshipProgram Program);
