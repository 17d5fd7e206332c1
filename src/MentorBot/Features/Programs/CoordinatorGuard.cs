using MentorBot.Conversations;

namespace MentorBot.Features.Programs;

/// <summary>The one check in front of everything only coordinators may do; it answers the person when they may not.</summary>
public sealed class CoordinatorGuard
{
    private readonly CoordinatorDirectory _directory;

    public CoordinatorGuard(CoordinatorDirectory directory)
    {
        _directory = directory;
    }

    public async Task<bool> AllowAsync(Turn turn, CancellationToken cancellationToken)
    {
        switch (await _directory.CheckAsync(turn.UserId, cancellationToken).ConfigureAwait(false))
        {
            case CoordinatorCheck.Yes:
                return true;
            case CoordinatorCheck.Unavailable:
                turn.Answer("I couldn't confirm that you are a program coordinator just now (the directory did not answer). Nothing was changed; please try again in a minute.");
                return false;
            default:
                turn.Answer("Only program coordinators can do that. Nothing was changed. If you coordinate a program, ask your IT team to add you to the coordinators group.");
                return false;
        }
    }
}
