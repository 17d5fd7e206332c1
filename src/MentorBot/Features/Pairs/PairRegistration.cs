using System.Security.Cryptography;
using System.Text;
using MentorBot.Features.Rematch;
using MentorBot.Infrastructure.Graph;
using MentorBot.Infrastructure.Jobs;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Features.Pairs;

/// <summary>
/// The one way a pair comes to exist, whichever form the coordinator used (card, CSV, command). People are resolved
/// through Graph and keyed by Entra object id; the pair id is derived from the registration itself, so the same
/// registration twice creates one pair. Starting the pair (the expectations conversation) is a background job.
/// </summary>
public sealed class PairRegistration
{
    public const string StartJobKind = "pair.start";

    private readonly PeopleDirectory _people;
    private readonly PairStore _pairs;
    private readonly CohortStore _cohorts;
    private readonly JobRunner _jobs;
    private readonly RematchHistory _history;
    private readonly TimeProvider _time;

    public PairRegistration(PeopleDirectory people, PairStore pairs, CohortStore cohorts, JobRunner jobs, RematchHistory history, TimeProvider time)
    {
        _history = history;
        _people = people;
        _pairs = pairs;
        _cohorts = cohorts;
        _jobs = jobs;
        _time = time;
    }

    public async Task<RegistrationResult> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        var program = request.Program;
        if (string.IsNullOrWhiteSpace(request.Mentor) || string.IsNullOrWhiteSpace(request.Mentee))
        {
            return RegistrationResult.Refused("both a mentor and a mentee are needed");
        }

        Person? mentor;
        Person? mentee;
        try
        {
            mentor = await _people.FindAsync(request.Mentor, cancellationToken).ConfigureAwait(false);
            mentee = await _people.FindAsync(request.Mentee, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ODataError or Microsoft.Kiota.Abstractions.ApiException or HttpRequestException or AggregateException)
        {
            return RegistrationResult.Refused("the directory (Microsoft Graph) did not answer; nothing was created, try again shortly");
        }

        if (mentor is null)
        {
            return RegistrationResult.Refused($"no one called '{request.Mentor}' was found in your organisation (mentor)");
        }

        if (mentee is null)
        {
            return RegistrationResult.Refused($"no one called '{request.Mentee}' was found in your organisation (mentee)");
        }

        if (string.Equals(mentor.Id, mentee.Id, StringComparison.OrdinalIgnoreCase))
        {
            return RegistrationResult.Refused($"{mentor.Name} can't be both mentor and mentee");
        }

        if (await _history.IsBlockedAsync(program.TenantId, mentor.Id, mentee.Id, cancellationToken).ConfigureAwait(false))
        {
            return RegistrationResult.Refused($"{mentor.Name} and {mentee.Name} were rematched before, so they shouldn't be paired again");
        }

        Cohort? cohort = null;
        if (!string.IsNullOrWhiteSpace(request.Cohort))
        {
            cohort = await _cohorts.FindAsync(program.TenantId, program.ProgramId, request.Cohort, cancellationToken).ConfigureAwait(false);
            if (cohort is null)
            {
                return RegistrationResult.Refused($"there is no cohort '{request.Cohort}' in {program.Name}; create it first with \"cohort\"");
            }
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var start = request.Start ?? cohort?.Start ?? today;
        var plannedEnd = request.PlannedEnd ?? cohort?.PlannedEnd ?? start.AddDays(7 * program.Settings.DurationWeeks);
        if (plannedEnd <= start)
        {
            return RegistrationResult.Refused($"the planned end ({plannedEnd:yyyy-MM-dd}) must be after the start ({start:yyyy-MM-dd})");
        }

        var mentorPairs = await _pairs.ForPersonAsync(program.TenantId, mentor.Id, cancellationToken).ConfigureAwait(false);
        var active = mentorPairs.Where(p => !p.IsClosed && p.ProgramId == program.ProgramId).ToList();
        if (active.Any(p => string.Equals(p.Mentee.Id, mentee.Id, StringComparison.OrdinalIgnoreCase)))
        {
            return RegistrationResult.Refused($"{mentor.Name} and {mentee.Name} are already a pair in {program.Name}");
        }

        var asMentor = active.Count(p => string.Equals(p.Mentor.Id, mentor.Id, StringComparison.OrdinalIgnoreCase));
        if (asMentor >= program.Settings.MentorCapacity)
        {
            return RegistrationResult.Refused($"{mentor.Name} already mentors {asMentor}, the program's capacity per mentor");
        }

        var pair = new Pair
        {
            TenantId = program.TenantId,
            ProgramId = program.ProgramId,
            PairId = PairIdFor(program.TenantId, program.ProgramId, mentor.Id, mentee.Id, start),
            CohortId = cohort?.CohortId,
            Mentor = mentor,
            Mentee = mentee,
            Start = start,
            PlannedEnd = plannedEnd,
            Focus = string.IsNullOrWhiteSpace(request.Focus) ? null : request.Focus.Trim(),
            Stage = PairStage.Created,
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = request.RegisteredBy,
        };

        if (!await _pairs.TryAddAsync(pair, cancellationToken).ConfigureAwait(false))
        {
            return RegistrationResult.Refused($"{mentor.Name} and {mentee.Name} were already registered");
        }

        await _jobs.ScheduleAsync(new Job(StartJobKind, pair.PairId, _time.GetUtcNow())
        {
            Data = new Dictionary<string, string> { ["tenant"] = pair.TenantId, ["program"] = pair.ProgramId, ["pair"] = pair.PairId },
        }, cancellationToken).ConfigureAwait(false);
        return new RegistrationResult(pair, null);
    }

    /// <summary>The same registration (program, people, start) always gives the same id.</summary>
    public static string PairIdFor(string tenantId, string programId, string mentorId, string menteeId, DateOnly start)
    {
        var text = $"{tenantId}|{programId}|{mentorId.ToLowerInvariant()}|{menteeId.ToLowerInvariant()}|{start:yyyy-MM-dd}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20].ToLowerInvariant();
    }
}
