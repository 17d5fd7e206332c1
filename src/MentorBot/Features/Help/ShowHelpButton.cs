using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Welcome;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Help;

/// <summary>The "Show commands" button on the welcome card.</summary>
public sealed class ShowHelpButton : ICardActionHandler
{
    private readonly IServiceProvider _services;

    public ShowHelpButton(IServiceProvider services)
    {
        _services = services;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [WelcomeCard.HelpVerb];

    public Audience Audience => Audience.Anyone;

    public Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        // The welcome card stays as it is; the commands come as a new message.
        var router = _services.GetRequiredService<CommandRouter>();
        turn.Reply(HelpCard.Create(router.Commands.Select(c => c.Info), turn.ConversationType));
        if (turn.Activity.IsInvoke)
        {
            turn.InvokeResponse = Protocol.Schema.InvokeResponse.Message("Here is what I can do.");
        }

        return Task.CompletedTask;
    }
}
