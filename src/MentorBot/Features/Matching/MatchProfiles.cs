using MentorBot.Features.Expectations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Extensions.Logging;

namespace MentorBot.Features.Matching;

/// <summary>
/// Builds a person's <see cref="MatchProfile"/> from what they already said: the topics in their latest expectations
/// answers (a mentee's goals and skill gap, a mentor's offer), their profile answers, and their work details from the
/// directory (cached for a week; when Graph does not answer the cached copy, or nothing, is used).
/// </summary>
public sealed partial class MatchProfiles
{
    private static readonly TimeSpan DirectoryFreshFor = TimeSpan.FromDays(7);

    private readonly MatchProfileStore _store;
    private readonly PairStore _pairs;
    private readonly ExpectationsStore _expectations;
    private readonly WorkDirectory _directory;
    private readonly TimeProvider _time;
    private readonly ILogger<MatchProfiles> _logger;

    public MatchProfiles(MatchProfileStore store, PairStore pairs, ExpectationsStore expectations, WorkDirectory directory, TimeProvider time,
        ILogger<MatchProfiles> logger)
    {
        _store = store;
        _pairs = pairs;
        _expectations = expectations;
        _directory = directory;
        _time = time;
        _logger = logger;
    }

    public async Task<MatchProfile> ForAsync(string tenantId, string personId, string name, CancellationToken cancellationToken)
    {
        var answers = await _store.AnswersAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        var work = await WorkAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        var wants = new List<string>(answers?.Wants ?? []);
        var offers = new List<string>(answers?.Offers ?? []);
        // Only the latest pair in each role counts: what someone asked for two pairings ago may be behind them.
        var rolesSeen = new HashSet<PairRole>();
        foreach (var pair in (await _pairs.ForPersonAsync(tenantId, personId, cancellationToken).ConfigureAwait(false)).OrderByDescending(p => p.CreatedAt))
        {
            if (pair.RoleOf(personId) is not { } role || rolesSeen.Contains(role)
                || await _expectations.GetAsync(PairKey.Of(pair), role, cancellationToken).ConfigureAwait(false) is not { } said)
            {
                continue;
            }

            // Only topic keys are taken from the answers: their words stay where they were written.
            rolesSeen.Add(role);
            if (role == PairRole.Mentee)
            {
                wants.AddRange(SkillTopics.In(said.Answers.Goals).Concat(SkillTopics.In(said.Answers.SkillGap)));
            }
            else
            {
                offers.AddRange(SkillTopics.In(said.Answers.Offer));
            }
        }

        return new MatchProfile(personId, name)
        {
            Department = work?.Department,
            JobTitle = work?.JobTitle,
            OfficeLocation = work?.OfficeLocation,
            Wants = wants.Distinct(StringComparer.Ordinal).ToList(),
            Offers = offers.Distinct(StringComparer.Ordinal).ToList(),
            Background = answers?.Background ?? [],
        };
    }

    private async Task<WorkDetails?> WorkAsync(string tenantId, string personId, CancellationToken cancellationToken)
    {
        var cached = await _store.WorkAsync(tenantId, personId, cancellationToken).ConfigureAwait(false);
        if (cached is not null && _time.GetUtcNow() - cached.ReadAt < DirectoryFreshFor)
        {
            return cached;
        }

        try
        {
            if (await _directory.FindAsync(personId, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return cached;
            }

            var work = new WorkDetails(personId, found.Department, found.JobTitle, found.OfficeLocation, _time.GetUtcNow());
            await _store.SaveWorkAsync(tenantId, work, cancellationToken).ConfigureAwait(false);
            return work;
        }
        catch (Exception ex) when (ex is ODataError or Microsoft.Kiota.Abstractions.ApiException or HttpRequestException or AggregateException)
        {
            LogDirectoryUnavailable(ex);
            return cached;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory did not answer for work details; matching uses what it had")]
    private partial void LogDirectoryUnavailable(Exception exception);
}
