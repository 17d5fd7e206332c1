using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// Answers to the redesign cards. Only a party of an open pair can answer, only while the pair is in that stage,
/// and the first answer stands (a repeat is told "already"). The Working answer becomes <see cref="Pair.Focus"/>.
/// </summary>
public sealed class RedesignActions : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly LifecycleStore _store;
    private readonly PairMessages _messages;
    private readonly TimeProvider _time;

    public RedesignActions(PairStore pairs, LifecycleStore store, PairMessages messages, TimeProvider time)
    {
        _pairs = pairs;
        _store = store;
        _messages = messages;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [RedesignCard.FocusVerb, RedesignCard.TransitionVerb];

    public Audience Audience => Audience.PairParty;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        var entry = ProgramSubject.PairOf(turn);
        var userId = turn.UserId!;
        var pair = entry.Pair;
        if (pair.IsClosed)
        {
            turn.Answer("This pairing has ended, so nothing was changed.");
            return;
        }

        var isFocus = action.Verb == RedesignCard.FocusVerb;
        var stage = isFocus ? PairStage.Working : PairStage.Transition;
        var row = isFocus ? "redesign/focus" : "redesign/transition";
        if (await _store.GetAsync<RedesignAnswers>(pair.TenantId, pair.PairId, row, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            turn.Answer($"{existing.Value.AnsweredBy} already answered this. Nothing was changed.");
            return;
        }

        if (pair.Stage != stage)
        {
            turn.Answer("This card is no longer current. Nothing was changed.");
            return;
        }

        var answers = isFocus
            ? new Dictionary<string, string> { [RedesignCard.FocusInput] = Clean(action.Get(RedesignCard.FocusInput)) }
            : new Dictionary<string, string>
            {
                [RedesignCard.ContinueInput] = Clean(action.Get(RedesignCard.ContinueInput)),
                [RedesignCard.ConsolidateInput] = Clean(action.Get(RedesignCard.ConsolidateInput)),
                [RedesignCard.ConnectedInput] = Clean(action.Get(RedesignCard.ConnectedInput)),
            };
        if (answers.Values.All(string.IsNullOrEmpty))
        {
            turn.Answer("Please write an answer first. Nothing was saved.");
            return;
        }

        var who = pair.Party(pair.RoleOf(userId)!.Value).Name;
        if (!await _store.TryAddAsync(pair.TenantId, pair.PairId, row, new RedesignAnswers(stage.ToString(), answers, who, _time.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false))
        {
            turn.Answer("Someone else answered this a moment ago. Nothing was changed.");
            return;
        }

        if (isFocus)
        {
            // The agreement has no focus field: the pair's focus is kept on the pair itself.
            await _pairs.UpdateAsync(pair with { Focus = answers[RedesignCard.FocusInput] }, entry.ETag, cancellationToken).ConfigureAwait(false);
        }

        var card = isFocus
            ? RedesignCard.Answered("Our focus now", [new Fact("Focus", answers[RedesignCard.FocusInput])], who)
            : RedesignCard.Answered("Our plan for after the formal end",
            [
                new Fact("Continue informally", Or(answers[RedesignCard.ContinueInput])),
                new Fact($"{pair.Mentee.Name} consolidates", Or(answers[RedesignCard.ConsolidateInput])),
                new Fact($"{pair.Mentor.Name} stays connected", Or(answers[RedesignCard.ConnectedInput])),
            ], who);
        turn.ReplaceCard(card);
        if (ProgramSubject.ProgramIfAny(turn) is { } program)
        {
            await _messages.SendToPairAsync(pair, program, $"lifecycle/{pair.PairId}/{row}/answered", card, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Clean(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > 500 ? trimmed[..500] : trimmed;
    }

    private static string Or(string text) => string.IsNullOrEmpty(text) ? "—" : text;
}
