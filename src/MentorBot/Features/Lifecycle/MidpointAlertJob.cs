using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Lifecycle;

/// <summary>The midpoint alert and its facilitation card (<see cref="MidpointCoordinator"/>); the job names the pair, the reflections are read when it runs.</summary>
public sealed class MidpointAlertJob : IJobHandler
{
    public const string JobKind = "midpoint.alert";

    private readonly PairStore _pairs;
    private readonly MidpointCoordinator _midpoint;

    public MidpointAlertJob(PairStore pairs, MidpointCoordinator midpoint)
    {
        _pairs = pairs;
        _midpoint = midpoint;
    }

    public string Kind => JobKind;

    public static Job For(Pair pair, bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var data = PairJobs.Data(pair);
        data["timedOut"] = timedOut ? "true" : "false";
        return new Job(JobKind, $"{pair.TenantId}/{pair.PairId}/{(timedOut ? "timed-out" : "complete")}", Job.RightAfterTheTurn) { Data = data };
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is { } tenant && job.Get("program") is { } program && job.Get("pair") is { } pairId
            && await _pairs.GetAsync(tenant, program, pairId, cancellationToken).ConfigureAwait(false) is { Pair: var pair })
        {
            await _midpoint.AlertNowIfCompleteAsync(pair, job.Get("timedOut") == "true", cancellationToken).ConfigureAwait(false);
        }
    }
}
