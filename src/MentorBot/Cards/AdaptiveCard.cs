using System.Text.Json.Serialization;

namespace MentorBot.Cards;

/// <summary>
/// An Adaptive Card. Teams renders features up to 1.5 on desktop, web and mobile (protocol.md E), and mobile
/// refuses a card without a version, so the version is always written and never above 1.5.
/// </summary>
public sealed record AdaptiveCard
{
    public const string MaxTeamsVersion = "1.5";

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    public string Version { get; init; } = MaxTeamsVersion;

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Teams-specific options; full width suits forms and reports.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardOptions? Teams { get; init; }

    public string? FallbackText { get; init; }

    /// <summary>Universal Actions refresh (an Action.Execute, typed as the base so its "type" is written): the listed people's Teams clients ask the bot for their own view of the card.</summary>
    public CardRefresh? Refresh { get; init; }
}

/// <summary>
/// <c>refresh</c>: an Action.Execute that Teams sends (trigger "automatic") for each of <see cref="UserIds"/>, Teams ids
/// (29:…), at most 60; everyone else sees the card as sent (msteams-docs, "User-specific views" and "User IDs in refresh").
/// </summary>
public sealed record CardRefresh(CardAction Action, IReadOnlyList<string> UserIds)
{
    public const int MaxUserIds = 60;
}

public sealed record TeamsCardOptions(string Width = "Full");
