using MentorBot.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Help;

public sealed class HelpCommand : ICommand
{
    private readonly IServiceProvider _services;

    public HelpCommand(IServiceProvider services)
    {
        // The command list includes this command itself, so it is read when help is asked for, not injected.
        _services = services;
    }

    public CommandInfo Info { get; } = new("help", "Shows the commands that work in this chat.", CommandScopes.All) { Aliases = ["?", "commands"] };

    public Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var router = _services.GetRequiredService<CommandRouter>();
        turn.Reply(HelpCard.Create(router.Commands.Select(c => c.Info), turn.ConversationType));
        return Task.CompletedTask;
    }
}
