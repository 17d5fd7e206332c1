using MentorBot.Features.Cadence;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.PairHealth;

/// <summary>Reads what a pair's health is judged on, and judges it with <see cref="HealthRules"/>.</summary>
public sealed class PairHealthAssessor
{
    private readonly CheckInStore _checkIns;
    private readonly AgreementStore _agreements;
    private readonly MeetingStore _meetings;
    private readonly TimeProvider _time;

    public PairHealthAssessor(CheckInStore checkIns, AgreementStore agreements, MeetingStore meetings, TimeProvider time)
    {
        _checkIns = checkIns;
        _agreements = agreements;
        _meetings = meetings;
        _time = time;
    }

    public async Task<HealthAssessment> AssessAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var checkIns = await _checkIns.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
        var agreement = await _agreements.LatestConfirmedAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false);
        CadenceStatus? cadence = null;
        if (AgreedCadence.IntervalOf(agreement) is { } interval)
        {
            var agreedAt = agreement!.Confirmations.Select(c => c.At).DefaultIfEmpty(agreement.CreatedAt).Max();
            var meetings = await _meetings.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false);
            cadence = CadenceStatus.Of(interval, meetings, agreedAt, now);
        }

        return HealthRules.Assess(pair, now, program.Settings.ExpectationsOverdueDays, checkIns, cadence, program.Settings.CadenceAlertIntervals);
    }
}
