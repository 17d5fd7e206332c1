using MentorBot.Conversations;

namespace MentorBot.Features.Programs;

/// <summary>
/// The program a coordinator's card is about: its data names the program, the turn the tenant. Null when either is
/// missing or the program no longer exists; who may act on the card is each card's own rule.
/// </summary>
public static class ProgramOfCard
{
    public static async Task<MentorshipProgram?> FindAsync(ProgramStore programs, Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programs);
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        return turn.TenantId is { } tenant && action.Get("program") is { } programId
            ? (await programs.GetAsync(tenant, programId, cancellationToken).ConfigureAwait(false))?.Program
            : null;
    }
}
