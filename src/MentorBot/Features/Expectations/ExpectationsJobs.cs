using System.Globalization;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>The background jobs of the expectations conversation, each named so that scheduling it twice does nothing.</summary>
public static class ExpectationsJobs
{
    public const string StartKind = "expectations.start";
    public const string ReminderKind = "expectations.reminder";
    public const string OverdueKind = "expectations.overdue";
    public const string ConfirmedKind = "expectations.confirmed";
    public const string ShareKind = "expectations.share";

    /// <summary>Asks a party the questions once they are free (e.g. after finishing another pair's questions).</summary>
    public static Job Start(Pair pair, PairRole role, DateTimeOffset dueAt) =>
        new(StartKind, $"{pair.PairId}/{Role(role)}", dueAt) { Data = DataOf(pair, ("role", role.ToString())) };

    /// <summary>Reminds whoever has not finished, <paramref name="day"/> days after the questions were first asked.</summary>
    public static Job Reminder(Pair pair, int day, DateTimeOffset startedAt) =>
        new(ReminderKind, $"{pair.PairId}/day-{Number(day)}", startedAt.AddDays(day)) { Data = DataOf(pair, ("day", Number(day))) };

    /// <summary>Tells the coordinators if someone still has not finished after <paramref name="days"/> days.</summary>
    public static Job Overdue(Pair pair, int days, DateTimeOffset startedAt) =>
        new(OverdueKind, pair.PairId, startedAt.AddDays(days)) { Data = DataOf(pair, ("days", Number(days))) };

    /// <summary>After a confirmation, once the answer is given: a version both confirmed moves the pair on and tells both.</summary>
    public static Job Confirmed(ExpectationsAgreement agreement, string? serviceUrl, DateTimeOffset now) =>
        OfVersion(ConfirmedKind, agreement, serviceUrl, now);

    /// <summary>Once both have answered, after the answer is given: the new version's card goes to the pair.</summary>
    public static Job Share(ExpectationsAgreement agreement, string? serviceUrl, DateTimeOffset now) =>
        OfVersion(ShareKind, agreement, serviceUrl, now);

    private static Job OfVersion(string kind, ExpectationsAgreement agreement, string? serviceUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var data = DataOf(PairKey.Of(agreement), ("version", Number(agreement.Version)));
        if (serviceUrl is not null)
        {
            // From the authenticated activity the confirmation came in, as the inline call had it.
            data["serviceUrl"] = serviceUrl;
        }

        return new Job(kind, $"{agreement.PairId}/v{Number(agreement.Version)}", now) { Data = data };
    }

    public static PairKey PairOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new PairKey(job.Get("tenant") ?? string.Empty, job.Get("program") ?? string.Empty, job.Get("pair") ?? string.Empty);
    }

    public static string Role(PairRole role) => role.ToString().ToLowerInvariant();

    /// <summary>The deterministic key of the first question sent to a party.</summary>
    public static string StartMessageKey(Pair pair, PairRole role) => $"expectations/{pair.PairId}/{Role(role)}/start";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> DataOf(Pair pair, params (string Name, string Value)[] extra) => DataOf(PairKey.Of(pair), extra);

    private static Dictionary<string, string> DataOf(PairKey pair, params (string Name, string Value)[] extra)
    {
        var data = new Dictionary<string, string> { ["tenant"] = pair.TenantId, ["program"] = pair.ProgramId, ["pair"] = pair.PairId };
        foreach (var (name, value) in extra)
        {
            data[name] = value;
        }

        return data;
    }
}
