using MentorBot.Features.CheckIns;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Expectations;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Meetings;
using MentorBot.Features.MentorCohorts;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Rematch;

namespace MentorBot.Features.Reports;

/// <summary>Reads what a program report needs from every feature's store, once per report.</summary>
public sealed class ReportData
{
    private readonly CohortStore _cohorts;
    private readonly PairStore _pairs;
    private readonly AgreementStore _agreements;
    private readonly MeetingStore _meetings;
    private readonly CheckInStore _checkIns;
    private readonly AlertStore _alerts;
    private readonly OutcomeStore _outcomes;
    private readonly RematchRequestStore _rematches;
    private readonly LifecycleStore _lifecycle;
    private readonly AccountabilityStore _accountability;
    private readonly BaselineStore _baselines;
    private readonly TimeProvider _time;

    public ReportData(CohortStore cohorts, PairStore pairs, AgreementStore agreements, MeetingStore meetings, CheckInStore checkIns, AlertStore alerts,
        OutcomeStore outcomes, RematchRequestStore rematches, LifecycleStore lifecycle, AccountabilityStore accountability, BaselineStore baselines, TimeProvider time)
    {
        _cohorts = cohorts;
        _pairs = pairs;
        _agreements = agreements;
        _meetings = meetings;
        _checkIns = checkIns;
        _alerts = alerts;
        _outcomes = outcomes;
        _rematches = rematches;
        _lifecycle = lifecycle;
        _accountability = accountability;
        _baselines = baselines;
        _time = time;
    }

    public async Task<ReportInputs> LoadAsync(MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var (tenant, id) = (program.TenantId, program.ProgramId);
        var pairs = await _pairs.InProgramAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        var meetings = new List<Meeting>();
        var checkIns = new List<CheckInAnswer>();
        var rematches = new List<RematchRequest>();
        var midpoints = new List<MidpointRating>();
        foreach (var pair in pairs)
        {
            if (await _agreements.LatestConfirmedAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false) is not null)
            {
                confirmed.Add(pair.PairId);
            }

            meetings.AddRange(await _meetings.ForPairAsync(tenant, pair.PairId, cancellationToken).ConfigureAwait(false));
            checkIns.AddRange(await _checkIns.ForPairAsync(tenant, pair.PairId, cancellationToken).ConfigureAwait(false));
            rematches.AddRange(await _rematches.ForPairAsync(tenant, pair.PairId, cancellationToken).ConfigureAwait(false));
            foreach (var role in new[] { "mentor", "mentee" })
            {
                if ((await _lifecycle.GetAsync<MidpointReflection>(tenant, pair.PairId, MidpointCoordinator.Row(role), cancellationToken).ConfigureAwait(false))?.Value is { } reflection)
                {
                    midpoints.Add(new MidpointRating(pair.PairId, role, reflection.Rating));
                }
            }
        }

        return new ReportInputs
        {
            Now = _time.GetUtcNow(),
            Cohorts = await _cohorts.ListAsync(tenant, id, cancellationToken).ConfigureAwait(false),
            Pairs = pairs,
            ExpectationsConfirmed = confirmed,
            Meetings = meetings,
            CheckIns = checkIns,
            Alerts = await _alerts.ListAsync(tenant, id, cancellationToken).ConfigureAwait(false),
            Outcomes = await _outcomes.InProgramAsync(tenant, id, cancellationToken).ConfigureAwait(false),
            Rematches = rematches,
            MidpointRatings = midpoints,
            Accountability = await _accountability.InProgramAsync(tenant, id, cancellationToken).ConfigureAwait(false),
            Baselines = await _baselines.InProgramAsync(tenant, id, cancellationToken).ConfigureAwait(false),
        };
    }
}
