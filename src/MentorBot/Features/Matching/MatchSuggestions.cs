using MentorBot.Features.Programs;

namespace MentorBot.Features.Matching;

/// <summary>One mentor suggested for a mentee, with the fit and its reasons.</summary>
public sealed record Suggestion(string MentorId, string MentorName, MatchFit Fit);

/// <summary>
/// Up to three mentors for one mentee: mentors of the program with room, none excluded for them (a previous partner,
/// someone rematched away from them, someone either asked not to be matched with), best fit first.
/// </summary>
public sealed class MatchSuggestions
{
    public const int MaxSuggestions = 3;

    private readonly MatchEligibility _eligibility;
    private readonly MatchProfiles _profiles;
    private readonly ProgramMatchWeights _weights;

    public MatchSuggestions(MatchEligibility eligibility, MatchProfiles profiles, ProgramMatchWeights weights)
    {
        _eligibility = eligibility;
        _profiles = profiles;
        _weights = weights;
    }

    public async Task<IReadOnlyList<Suggestion>> ForMenteeAsync(MentorshipProgram program, string menteeId, string menteeName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        var mentors = await _eligibility.MentorsWithRoomAsync(program, null, cancellationToken).ConfigureAwait(false);
        var excluded = await _eligibility.ExcludedAsync(program.TenantId, menteeId, mentors.Select(m => m.PersonId), cancellationToken).ConfigureAwait(false);
        var weights = await _weights.ForAsync(program, cancellationToken).ConfigureAwait(false);
        var mentee = await _profiles.ForAsync(program.TenantId, menteeId, menteeName, cancellationToken).ConfigureAwait(false);
        var suggestions = new List<Suggestion>();
        foreach (var mentor in mentors.Where(m => !excluded.ContainsKey(m.PersonId)))
        {
            var profile = await _profiles.ForAsync(program.TenantId, mentor.PersonId, mentor.Name, cancellationToken).ConfigureAwait(false);
            suggestions.Add(new Suggestion(mentor.PersonId, mentor.Name, MatchFit.Of(profile, mentee, weights)));
        }

        // Equal fits: the mentor with more room first, then by name, so the same data gives the same card.
        var room = mentors.ToDictionary(m => m.PersonId, m => m.Room, StringComparer.OrdinalIgnoreCase);
        return suggestions.OrderByDescending(s => s.Fit.Score).ThenByDescending(s => room[s.MentorId]).ThenBy(s => s.MentorName, StringComparer.Ordinal)
            .Take(MaxSuggestions).ToList();
    }
}
