namespace MentorBot.Features.Rematch;

/// <summary>What the requester answered in the dialog, and which run of the dialog it came from.</summary>
public sealed record RematchAnswers(string Category, string? Details, string Urgency, string DialogInstance);
