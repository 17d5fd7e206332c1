using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Escalations;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Cadence;

/// <summary>
/// Once a day per pair: compares the meetings found with the agreed frequency. A pair that drifts gets one gentle
/// nudge (to each party); drift that goes on (default three agreed intervals) raises one alert. Then the next
/// day's check is scheduled, until the pair closes.
/// </summary>
public sealed class CadenceWatchJob : IJobHandler
{
    public const string JobKind = "cadence.check";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly AgreementStore _agreements;
    private readonly MeetingStore _meetings;
    private readonly ProactiveMessenger _messenger;
    private readonly EscalationAlerts _alerts;
    private readonly JobStore _jobs;
    private readonly TimeProvider _time;

    public CadenceWatchJob(PairStore pairs, ProgramStore programs, AgreementStore agreements, MeetingStore meetings,
        ProactiveMessenger messenger, EscalationAlerts alerts, JobStore jobs, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _agreements = agreements;
        _meetings = meetings;
        _messenger = messenger;
        _alerts = alerts;
        _jobs = jobs;
        _time = time;
    }

    public string Kind => JobKind;

    public static Job For(Pair pair, DateTimeOffset dueAt) => PairJobs.Daily(JobKind, pair, dueAt);

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        if (await PairJobs.LoadOpenAsync(job, _pairs, _programs, cancellationToken).ConfigureAwait(false) is not { } open)
        {
            return;
        }

        var (pair, _, program) = open;
        var now = _time.GetUtcNow();
        await _jobs.ScheduleAsync(For(pair, job.DueAt.AddDays(1)), cancellationToken).ConfigureAwait(false);

        var agreement = await _agreements.LatestConfirmedAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false);
        if (AgreedCadence.IntervalOf(agreement) is not { } interval)
        {
            return;
        }

        var agreedAt = agreement!.Confirmations.Select(c => c.At).DefaultIfEmpty(agreement.CreatedAt).Max();
        var status = CadenceStatus.Of(interval, await _meetings.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false), agreedAt, now);
        if (status.NeedsCoordinator(program.Settings.CadenceAlertIntervals))
        {
            await _alerts.RaiseAsync(program, new AlertRequest("cadence-drift", $"cadence/{pair.PairId}/{status.EpisodeKey}",
                $"No meeting for {Math.Round(status.SinceLastMeeting.TotalDays)} days (agreed: every {Math.Round(interval.TotalDays)} days)")
            {
                PairId = pair.PairId,
                PairDescription = pair.Description,
                Parties = [new AlertParty("mentor", pair.Mentor.Name, pair.Mentor.Upn), new AlertParty("mentee", pair.Mentee.Name, pair.Mentee.Upn)],
            }, cancellationToken).ConfigureAwait(false);
        }
        else if (status.IsDrifting)
        {
            foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
            {
                var person = pair.Party(role);
                var card = CadenceNudgeCard.Create(pair, role, interval, status.SinceLastMeeting);
                await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"cadence/{pair.PairId}/{status.EpisodeKey}/nudge/{role}",
                    CardJson.ToMessage(card), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
