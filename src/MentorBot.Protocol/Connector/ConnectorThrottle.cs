namespace MentorBot.Protocol.Connector;

/// <summary>
/// Whether the calls of the current async flow can come back later. Inside <see cref="ComeBackLater"/> a 429 is not
/// retried in place and the pacer does not sleep longer than <see cref="LongestWaitInPlace"/>: the call fails at once
/// with a <see cref="ConnectorException"/> whose <see cref="ConnectorException.RetryAt"/> says when to try again, so
/// the worker that made it serves someone else meanwhile. Senders of saved work (turn replies, jobs) open the scope;
/// a call whose caller cannot wait for another round (a member lookup inside a turn) stays outside and keeps
/// waiting and retrying in place.
/// </summary>
public static class ConnectorThrottle
{
    /// <summary>The longest a call that can come back later still waits in the pacer for its turn.</summary>
    public static readonly TimeSpan LongestWaitInPlace = TimeSpan.FromSeconds(1);

    /// <summary>Set by <see cref="ConnectorClient"/> from <see cref="CanComeBackLater"/>; read by the pacer and the retry policy.</summary>
    public static readonly HttpRequestOptionsKey<bool> ComeBackLaterOption = new("MentorBot.ComeBackLater");

    private static readonly AsyncLocal<bool> Reschedulable = new();

    public static bool CanComeBackLater => Reschedulable.Value;

    public static IDisposable ComeBackLater() => new Scope();

    /// <summary>Whether this request was made inside <see cref="ComeBackLater"/>.</summary>
    public static bool CanComeBackLaterFor(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ComeBackLaterOption, out var later) && later;

    private sealed class Scope : IDisposable
    {
        private readonly bool _previous = Reschedulable.Value;

        public Scope() => Reschedulable.Value = true;

        public void Dispose() => Reschedulable.Value = _previous;
    }
}
