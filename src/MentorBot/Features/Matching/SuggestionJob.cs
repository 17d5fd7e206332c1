using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Closure;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Matching;

/// <summary>
/// Posts the suggested next mentors for the mentee of a pair that ended for a rematch or early, in the program's
/// coordinators channel, once per pair. Nothing is posted when the mentee already has a new mentor.
/// </summary>
public sealed class SuggestionJob : IJobHandler
{
    public const string JobKind = "match.suggest";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly MatchSuggestions _suggestions;
    private readonly MatchEligibility _eligibility;
    private readonly ProactiveMessenger _messenger;

    public SuggestionJob(PairStore pairs, ProgramStore programs, MatchSuggestions suggestions, MatchEligibility eligibility, ProactiveMessenger messenger)
    {
        _pairs = pairs;
        _programs = programs;
        _suggestions = suggestions;
        _eligibility = eligibility;
        _messenger = messenger;
    }

    public string Kind => JobKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is not { } tenant || job.Get("program") is not { } programId || job.Get("pair") is not { } pairId
            || await _pairs.GetAsync(tenant, programId, pairId, cancellationToken).ConfigureAwait(false) is not { } found
            || await _programs.GetAsync(tenant, programId, cancellationToken).ConfigureAwait(false) is not { } programFound)
        {
            return;
        }

        var (pair, program) = (found.Pair, programFound.Program);
        if (await _eligibility.OpenPairOfMenteeAsync(program, pair.Mentee.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var occasion = pair.ClosedReason == ClosureReasons.Key(ClosureReason.Rematched)
            ? $"{pair.Mentee.Name}'s pairing ended for a rematch."
            : $"{pair.Mentee.Name}'s pairing ended early.";
        var suggestions = await _suggestions.ForMenteeAsync(program, pair.Mentee.Id, pair.Mentee.Name, cancellationToken).ConfigureAwait(false);
        var channel = new ConversationReference(program.Channel.ServiceUrl, program.Channel.ChannelId, tenant, ConversationTypes.Channel, null);
        await _messenger.SendToConversationAsync(tenant, channel, $"match/{pair.PairId}/suggestions",
            CardJson.ToMessage(SuggestionsCard.Create(program, pair.Mentee.Id, pair.Mentee.Name, occasion, suggestions)), cancellationToken)
            .ConfigureAwait(false);
    }
}
