namespace MentorBot.Features.Lifecycle;

/// <summary>The tables of the pair lifecycle (to be listed in <c>TableNames.All</c> so they exist at start-up).</summary>
public static class LifecycleTables
{
    /// <summary>Redesign answers, midpoint reflections and "end or continue?" rounds (partition: tenant and pair).</summary>
    public const string Lifecycle = "Lifecycle";
}
