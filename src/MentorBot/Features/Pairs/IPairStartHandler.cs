namespace MentorBot.Features.Pairs;

/// <summary>What a feature does when a pair starts (e.g. the expectations conversation). Runs in a background job: must be safe to run again.</summary>
public interface IPairStartHandler
{
    Task OnPairStartedAsync(Pair pair, Programs.MentorshipProgram program, CancellationToken cancellationToken);
}
