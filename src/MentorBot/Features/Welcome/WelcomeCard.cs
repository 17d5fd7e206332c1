using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Welcome;

/// <summary>The first thing people see when MentorBot arrives in a chat or a team: what it is for, there.</summary>
public static class WelcomeCard
{
    public const string HelpVerb = "help.show";

    public static AdaptiveCard Create(string conversationType, string? userName) => conversationType switch
    {
        ConversationTypes.Channel => Card(
            "MentorBot is here",
            "I give your mentorship program its structure inside Teams: an expectations conversation when a pair starts, " +
            "light check-ins after their meetings, a facilitated midpoint, and alerts here when a pair needs help.",
            "Coordinators: mention me with \"setup\" in the channel that should receive alerts."),
        ConversationTypes.GroupChat => Card(
            "Hello, both of you",
            "If this chat is a mentor and a mentee, it can be your pair chat: I'll post short check-ins after your meetings " +
            "and keep your agreement in one place. I never replace your conversation; I make room for it.",
            "Mention me with \"help\" to see what works here."),
        _ => Card(
            userName is null ? "Hello!" : $"Hello, {userName}!",
            "I'm MentorBot. I help mentorship relationships stay useful: setting expectations together, quick check-ins after " +
            "meetings, and a private way to ask for help or a different match. What you tell me privately stays private.",
            "Type \"help\" to see what you can do here."),
    };

    private static AdaptiveCard Card(string heading, string purpose, string next) => new()
    {
        Body =
        [
            TextBlock.Heading(heading),
            new TextBlock(purpose),
            new TextBlock(next) { Weight = "Bolder" },
        ],
        Actions = [new ExecuteAction("Show commands", HelpVerb, new JsonObject())],
        FallbackText = heading,
    };
}
