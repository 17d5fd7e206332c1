using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>A dialog that exists only in these tests, to exercise the dialog engine through the real host.</summary>
internal sealed class SurveyDialog : Dialog
{
    public const string DialogId = "test.survey";

    public override string Id => DialogId;

    public override IReadOnlyList<DialogStep> Steps(DialogState state) =>
    [
        new("goal", new TextPrompt("What is your goal?")),
        new("detail", new TextPrompt("Tell me more.")),
        new("pace", new ChoicePrompt("How often should we meet?", [new Choice("Weekly", "weekly"), new Choice("Monthly", "monthly")])),
        new("extra", new TextPrompt("Anything else?") { IsOptional = true }),
    ];

    public override Task OnCompletedAsync(Turn turn, DialogState state, CancellationToken cancellationToken)
    {
        turn.Reply($"Survey done: goal={state.Value("goal")}; detail={state.Value("detail")}; pace={state.Value("pace")}; extra={state.Value("extra")}");
        return Task.CompletedTask;
    }
}

internal sealed class SurveyCommand : ICommand
{
    private readonly DialogEngine _dialogs;

    public SurveyCommand(DialogEngine dialogs)
    {
        _dialogs = dialogs;
    }

    public CommandInfo Info { get; } = new("survey", "A test dialog.", CommandScopes.All);

    public Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken) =>
        _dialogs.BeginAsync(turn, SurveyDialog.DialogId, null, cancellationToken);
}
