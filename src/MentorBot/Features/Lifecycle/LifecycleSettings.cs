namespace MentorBot.Features.Lifecycle;

/// <summary>
/// The schedule of a pair's phases. Defaults until these move into <c>ProgramSettings</c> (a coordinator can't
/// change them yet).
/// </summary>
public sealed record LifecycleSettings
{
    /// <summary>Meetings held (counting ones) after which a pair enters Working.</summary>
    public int MeetingsToWorking { get; init; } = 3;

    /// <summary>Weeks after the start after which a pair enters Working, however many meetings it held.</summary>
    public int WeeksToWorking { get; init; } = 6;

    /// <summary>The last share of the planned period that is Transition.</summary>
    public double TransitionShare { get; init; } = 0.15;

    /// <summary>Days after the midpoint when a party who has not reflected yet is reminded.</summary>
    public int MidpointReminderDays { get; init; } = 3;

    /// <summary>Days after the midpoint when coordinators get the alert with whatever reflections there are.</summary>
    public int MidpointAlertDays { get; init; } = 7;
}
