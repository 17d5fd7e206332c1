namespace MentorBot.Features.Lifecycle;

/// <summary>What the pair answered on a redesign card (shared with both of them).</summary>
public sealed record RedesignAnswers(string Stage, IReadOnlyDictionary<string, string> Answers, string AnsweredBy, DateTimeOffset At);
