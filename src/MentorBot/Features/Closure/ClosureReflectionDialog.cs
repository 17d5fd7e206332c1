using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Closure;

/// <summary>Each party's private end reflection: what they gained, what they would do differently, and four outcomes (1–5).</summary>
public sealed class ClosureReflectionDialog : Dialog
{
    public const string DialogId = "closure.reflection";

    private static readonly Choice[] Scale =
    [
        new("1 – not at all", "1"), new("2", "2"), new("3", "3"), new("4", "4"), new("5 – very much", "5"),
    ];

    private readonly OutcomeStore _outcomes;
    private readonly PairStore _pairs;
    private readonly TimeProvider _time;

    public ClosureReflectionDialog(OutcomeStore outcomes, PairStore pairs, TimeProvider time)
    {
        _outcomes = outcomes;
        _pairs = pairs;
        _time = time;
    }

    public override string Id => DialogId;

    public override string Title(DialogState state) => "Looking back (private)";

    public override IReadOnlyList<DialogStep> Steps(DialogState state) =>
    [
        new("gained", new TextPrompt("What did you gain from this mentoring relationship?") { Help = "Only you and the program coordinators see this; your partner does not." }),
        new("differently", new TextPrompt("What would you do differently next time?") { IsOptional = true }),
        new("career", new ChoicePrompt("Has it helped your career advancement?", Scale)),
        new("skills", new ChoicePrompt("Has it helped you develop the skills you were working on?", Scale)),
        new("satisfaction", new ChoicePrompt("How satisfied are you with the relationship overall?", Scale)),
        new("belonging", new ChoicePrompt("Has it strengthened your sense of belonging here?", Scale)),
    ];

    public override async Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var found = await _pairs.GetAsync(state.Option("tenant")!, state.Option("program")!, state.Option("pair")!, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            turn.Reply("I can't find that pairing any more, so nothing was recorded.");
            return;
        }

        int Rating(string key) => int.TryParse(state.Value(key), out var value) ? value : 0;
        await _outcomes.SaveAsync(new Outcome
        {
            TenantId = found.Value.Pair.TenantId,
            ProgramId = found.Value.Pair.ProgramId,
            PairId = found.Value.Pair.PairId,
            CohortId = found.Value.Pair.CohortId,
            PersonId = turn.UserId!,
            Role = state.Option("role")!,
            Gained = state.Value("gained"),
            WouldDoDifferently = string.IsNullOrEmpty(state.Value("differently")) ? null : state.Value("differently"),
            CareerAdvancement = Rating("career"),
            SkillDevelopment = Rating("skills"),
            Satisfaction = Rating("satisfaction"),
            SenseOfBelonging = Rating("belonging"),
            AnsweredAt = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        turn.Reply("Thank you. Your reflection is saved for you and the program; your partner won't see it.");
    }
}
