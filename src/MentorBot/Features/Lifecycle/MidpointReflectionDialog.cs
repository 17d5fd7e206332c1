using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Lifecycle;

/// <summary>Each party's private midpoint reflection, in personal chat. Refused once the pair has closed.</summary>
public sealed class MidpointReflectionDialog : Dialog
{
    public const string DialogId = "lifecycle.midpoint";

    private static readonly Choice[] Scale = [new("1 – poorly", "1"), new("2", "2"), new("3", "3"), new("4", "4"), new("5 – very well", "5")];

    private readonly PairStore _pairs;
    private readonly LifecycleStore _store;
    // The coordinator starts dialogs through the engine, which needs this dialog: resolved when an answer arrives.
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;

    public MidpointReflectionDialog(PairStore pairs, LifecycleStore store, IServiceProvider services, TimeProvider time)
    {
        _pairs = pairs;
        _store = store;
        _services = services;
        _time = time;
    }

    public override string Id => DialogId;

    public override string Title(DialogState state) => "Midpoint reflection (private)";

    public override IReadOnlyList<DialogStep> Steps(DialogState state) =>
    [
        new("working", new TextPrompt("Half way through: what is working in your mentoring relationship?") { Help = "Only you and the program coordinators see this; your partner does not." }),
        new("notWorking", new TextPrompt("What is not working, or could be better?")),
        new("rating", new ChoicePrompt("How well is it going overall?", Scale)),
        new("facilitate", new ChoicePrompt("Would you like a coordinator to facilitate a conversation with the two of you?", [new("Yes", "yes"), new("No", "no")])),
    ];

    public override async Task<string?> CheckStillOpenAsync(DialogState state, CancellationToken cancellationToken)
    {
        var found = await _pairs.GetAsync(state.Option("tenant")!, state.Option("program")!, state.Option("pair")!, cancellationToken).ConfigureAwait(false);
        return found is { Pair.IsClosed: false } ? null : "This mentoring pairing has ended, so the midpoint reflection is no longer needed. Nothing was recorded.";
    }

    public override async Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var found = await _pairs.GetAsync(state.Option("tenant")!, state.Option("program")!, state.Option("pair")!, cancellationToken).ConfigureAwait(false);
        if (found is not { Pair: { IsClosed: false } pair } || state.Option("role") is not { } role)
        {
            turn.Reply("This pairing has ended, so nothing was recorded.");
            return;
        }

        var name = role == "mentor" ? pair.Mentor.Name : pair.Mentee.Name;
        var reflection = new MidpointReflection(role, name, state.Value("working") ?? string.Empty, state.Value("notWorking") ?? string.Empty,
            int.TryParse(state.Value("rating"), out var rating) ? rating : 0, state.Value("facilitate") == "yes", _time.GetUtcNow());
        await _store.TryAddAsync(pair.TenantId, pair.PairId, MidpointCoordinator.Row(role), reflection, cancellationToken).ConfigureAwait(false);
        await _services.GetRequiredService<MidpointCoordinator>().AlertIfCompleteAsync(pair, timedOut: false, cancellationToken).ConfigureAwait(false);
        turn.Reply("Thank you. Your reflection goes to the program coordinators only; your partner won't see it.");
    }
}
