using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// When the expectations conversation is overdue, the coordinators get one alert naming who has not finished.
/// Nothing happens when both have finished or the pair has closed.
/// </summary>
public sealed class ExpectationsOverdueJob : IJobHandler
{
    public const string Cause = "expectations-overdue";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly ExpectationsStore _answers;
    private readonly EscalationAlerts _alerts;

    public ExpectationsOverdueJob(PairStore pairs, ProgramStore programs, ExpectationsStore answers, EscalationAlerts alerts)
    {
        _pairs = pairs;
        _programs = programs;
        _answers = answers;
        _alerts = alerts;
    }

    public string Kind => ExpectationsJobs.OverdueKind;

    public static string CauseKey(string pairId) => $"expectations/{pairId}/overdue";

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = ExpectationsJobs.PairOf(job);
        var found = await _pairs.GetAsync(key.TenantId, key.ProgramId, key.PairId, cancellationToken).ConfigureAwait(false);
        var program = await _programs.GetAsync(key.TenantId, key.ProgramId, cancellationToken).ConfigureAwait(false);
        if (found is not { Pair: { IsClosed: false } pair } || program is not { } programEntry)
        {
            return;
        }

        var (mentor, mentee) = await _answers.BothAsync(key, cancellationToken).ConfigureAwait(false);
        var missing = new List<PairRole>();
        if (mentor is null)
        {
            missing.Add(PairRole.Mentor);
        }

        if (mentee is null)
        {
            missing.Add(PairRole.Mentee);
        }

        if (missing.Count == 0)
        {
            return;
        }

        var names = string.Join(" and ", missing.Select(r => $"{pair.Party(r).Name} ({ExpectationsJobs.Role(r)})"));
        var days = job.Get("days") ?? programEntry.Program.Settings.ExpectationsOverdueDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _alerts.RaiseAsync(programEntry.Program, new AlertRequest(Cause, CauseKey(pair.PairId), $"Expectations not finished after {days} days")
        {
            PairId = pair.PairId,
            PairDescription = pair.Description,
            Details = $"Not finished yet: {names}. They were reminded on the program's reminder days. A short conversation about what is in the way usually helps.",
            Parties = missing.Select(r => new AlertParty(ExpectationsJobs.Role(r), pair.Party(r).Name, pair.Party(r).Upn ?? pair.Party(r).Mail)).ToList(),
        }, cancellationToken).ConfigureAwait(false);
    }
}
