using MentorBot.Cards;

namespace MentorBot.Features.Rematch;

/// <summary>The answers a requester chooses from, and how coordinators read them back.</summary>
public static class RematchReasons
{
    public static IReadOnlyList<Choice> Categories { get; } =
    [
        new("Our working styles don't fit", "styles"),
        new("Our goals have moved apart", "goals"),
        new("Communication isn't working", "communication"),
        new("Availability or time", "availability"),
        new("Something else", "other"),
    ];

    public static IReadOnlyList<Choice> Urgencies { get; } =
    [
        new("It can wait", "can-wait"),
        new("Soon", "soon"),
        new("Urgent", "urgent"),
    ];

    public static string CategoryText(string value) => TitleOf(Categories, value);

    public static string UrgencyText(string value) => TitleOf(Urgencies, value);

    public static string StateText(RematchRequest request) => request.State switch
    {
        RematchState.Withdrawn => "withdrawn by the requester",
        RematchState.Kept => $"kept{By(request)}",
        RematchState.Rematched => $"ended and rematched{By(request)}",
        _ => "open",
    };

    private static string By(RematchRequest request) => request.DecidedBy is { } by ? $" by {by}" : string.Empty;

    private static string TitleOf(IReadOnlyList<Choice> choices, string value) =>
        choices.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.Ordinal))?.Title ?? value;
}
