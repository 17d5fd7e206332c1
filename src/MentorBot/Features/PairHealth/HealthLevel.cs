namespace MentorBot.Features.PairHealth;

/// <summary>A pair's health at a glance, riskiest first.</summary>
public enum HealthLevel
{
    AtRisk,
    NeedsAttention,
    TooEarlyToTell,
    OnTrack,
}

public sealed record HealthAssessment(HealthLevel Level, string Reason)
{
    public static string Text(HealthLevel level) => level switch
    {
        HealthLevel.AtRisk => "At risk",
        HealthLevel.NeedsAttention => "Needs attention",
        HealthLevel.TooEarlyToTell => "Too early to tell",
        _ => "On track",
    };
}
