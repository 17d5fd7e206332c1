namespace MentorBot.Features.Lifecycle;

/// <summary>One party's private midpoint reflection: coordinators see it, the partner never does.</summary>
public sealed record MidpointReflection(string Role, string Name, string Working, string NotWorking, int Rating, bool WantsFacilitation, DateTimeOffset At);
