namespace MentorBot.Protocol.Connector;

/// <summary>Which queue a call to the channel waits in: someone is waiting for interactive sends, nobody watches fan-out.</summary>
public enum SendLane
{
    Background,
    Interactive,
}

/// <summary>
/// The lane of the calls made in the current async flow. The senders of turn replies and card updates open an
/// interactive scope; everything else (jobs, proactive messages) stays in the background lane by default.
/// </summary>
public static class ConnectorLane
{
    private static readonly AsyncLocal<SendLane?> CurrentLane = new();

    public static SendLane Current => CurrentLane.Value ?? SendLane.Background;

    public static IDisposable Interactive() => new Scope(SendLane.Interactive);

    private sealed class Scope : IDisposable
    {
        private readonly SendLane? _previous = CurrentLane.Value;

        public Scope(SendLane lane) => CurrentLane.Value = lane;

        public void Dispose() => CurrentLane.Value = _previous;
    }
}
