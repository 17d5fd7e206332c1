using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Lifecycle;

/// <summary>One party's private "end or continue?" answer. Refused once the pair has closed.</summary>
public sealed class EndOrContinueDialog : Dialog
{
    public const string DialogId = "lifecycle.end-or-continue";

    private readonly PairStore _pairs;

    // The decision closes pairs through PairClosure, which needs the dialog engine, which needs this dialog:
    // resolved when an answer arrives, not at construction.
    private readonly IServiceProvider _services;

    public EndOrContinueDialog(PairStore pairs, IServiceProvider services)
    {
        _pairs = pairs;
        _services = services;
    }

    public override string Id => DialogId;

    public override string Title(DialogState state) => "End or continue? (private)";

    public override IReadOnlyList<DialogStep> Steps(DialogState state) =>
    [
        new("answer", new ChoicePrompt(
            "Have we accomplished what we set out to accomplish? Is there more to do, or is this a good place for our formal relationship to conclude?",
            [new("Continue: there is more to do", EndOrContinueAnswers.Continue), new("Conclude: this is a good place to end", EndOrContinueAnswers.Conclude),
             new("Not sure", EndOrContinueAnswers.NotSure)])
        { Help = "Your partner won't be told what you answered." }),
    ];

    public override async Task<string?> CheckStillOpenAsync(DialogState state, CancellationToken cancellationToken)
    {
        var found = await _pairs.GetAsync(state.Option("tenant")!, state.Option("program")!, state.Option("pair")!, cancellationToken).ConfigureAwait(false);
        return found is { Pair.IsClosed: false } ? null : "This mentoring pairing has already ended, so there is nothing to decide. Nothing was recorded.";
    }

    public override async Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        var decision = _services.GetRequiredService<EndOrContinueDecision>();
        var message = await decision.RecordAsync(state.Option("tenant")!, state.Option("program")!, state.Option("pair")!, state.Option("role")!,
            int.Parse(state.Option("round")!, System.Globalization.CultureInfo.InvariantCulture), state.Value("answer")!, cancellationToken).ConfigureAwait(false);
        turn.Reply(message);
    }
}
