namespace MentorBot.Infrastructure.Storage;

/// <summary>Every table the bot uses, created at start-up. A feature adds its table here.</summary>
public static class TableNames
{
    public const string InboundActivities = "InboundActivities";
    public const string ConversationReferences = "ConversationReferences";
    public const string DialogStates = "DialogStates";
    public const string SendLedger = "SendLedger";
    public const string Programs = "Programs";
    public const string Alerts = "Alerts";

    public static IReadOnlyList<string> All { get; } =
    [
        InboundActivities,
        ConversationReferences,
        DialogStates,
        SendLedger,
        Programs,
        Alerts,
    ];
}
