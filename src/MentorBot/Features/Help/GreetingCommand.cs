using MentorBot.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Features.Help;

/// <summary>
/// "hi", "hello", "thanks": people's first words to a bot are a greeting, so they get a friendly answer and what they
/// can do in this chat, not "I didn't catch that".
/// </summary>
public sealed class GreetingCommand : ICommand
{
    private static readonly string[] Greetings = ["hello", "hey", "hiya", "good morning", "good afternoon", "good evening"];
    private static readonly string[] Thanks = ["thanks", "thank you", "thx", "cheers", "ty"];

    private readonly IServiceProvider _services;

    public GreetingCommand(IServiceProvider services)
    {
        // The command list includes this command itself, so it is read when someone says hello, not injected.
        _services = services;
    }

    public CommandInfo Info { get; } = new("hi", "Says hello back and shows what you can do here.", CommandScopes.All)
    {
        // The router matches whole words; a greeting often ends with "!" or ".", so those spellings are names too.
        Aliases = [.. Greetings.Concat(Thanks).Append("hi").SelectMany(w => new[] { w, w + "!", w + "." }).Where(w => w != "hi")],
    };

    public Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var firstName = turn.UserName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var saidThanks = Thanks.Any(t => turn.Text.TrimStart().StartsWith(t, StringComparison.OrdinalIgnoreCase));
        var hello = firstName is null ? "Hi!" : $"Hi {firstName}!";
        turn.Reply(saidThanks
            ? $"You're welcome{(firstName is null ? string.Empty : ", " + firstName)}! I'm here whenever you need me."
            : $"{hello} I'm MentorBot: I help you and your mentoring partner agree how you'll work together and adjust as you go. Here's what you can do in this chat.");
        var router = _services.GetRequiredService<CommandRouter>();
        turn.Reply(HelpCard.Create(router.Commands.Select(c => c.Info), turn.ConversationType));
        return Task.CompletedTask;
    }
}
