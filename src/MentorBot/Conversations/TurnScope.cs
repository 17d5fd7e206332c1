namespace MentorBot.Conversations;

/// <summary>
/// The turn being routed in this async flow, until its state is saved. Whatever a turn sends leaves after the answer
/// (replies, card updates, follow-up jobs), so services deep in a feature defer their sends to it
/// (<see cref="FollowUps"/>), and a send seen inside this scope is a mistake that <see cref="SendsInsideTurnGuard"/> reports.
/// </summary>
public static class TurnScope
{
    private static readonly AsyncLocal<Turn?> Inside = new();

    public static Turn? Current => Inside.Value;

    public static bool IsActive => Inside.Value is not null;

    public static IDisposable Enter(Turn turn) => new Scope(turn);

    private sealed class Scope : IDisposable
    {
        private readonly Turn? _previous = Inside.Value;

        public Scope(Turn turn) => Inside.Value = turn;

        public void Dispose() => Inside.Value = _previous;
    }
}
