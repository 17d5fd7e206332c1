using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Closure;

/// <summary>What a feature does when a pair closes (e.g. the shared card comparing results with the agreement). Must be idempotent.</summary>
public interface IPairClosedHandler
{
    Task OnPairClosedAsync(Pair pair, MentorshipProgram program, ClosureReason reason, CancellationToken cancellationToken);
}
