using MentorBot.Features.Closure;
using MentorBot.Features.Expectations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// When a pair concludes (completed, or early because they got what they needed), both get the same card comparing
/// what they did with the latest confirmed agreement. Once per pair (the key). A pair ended for a rematch or withdrawn
/// gets only the neutral closing message: a look back at its goals there would not be neutral.
/// </summary>
public sealed class SharedClosureOnPairClosed : IPairClosedHandler
{
    private readonly AgreementStore _agreements;
    private readonly MeetingStore _meetings;
    private readonly LifecycleStore _store;
    private readonly PairMessages _messages;

    public SharedClosureOnPairClosed(AgreementStore agreements, MeetingStore meetings, LifecycleStore store, PairMessages messages)
    {
        _agreements = agreements;
        _meetings = meetings;
        _store = store;
        _messages = messages;
    }

    public async Task OnPairClosedAsync(Pair pair, MentorshipProgram program, ClosureReason reason, CancellationToken cancellationToken)
    {
        if (reason is not (ClosureReason.Completed or ClosureReason.ConcludedEarly))
        {
            return;
        }

        var agreement = await _agreements.LatestConfirmedAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false);
        var held = (await _meetings.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false)).Count(m => m.Counts);
        var plan = (await _store.GetAsync<RedesignAnswers>(pair.TenantId, pair.PairId, "redesign/transition", cancellationToken).ConfigureAwait(false))?.Value;
        await _messages.SendToPairAsync(pair, program, $"lifecycle/{pair.PairId}/closure/shared", SharedClosureCard.Create(pair, agreement, held, plan), cancellationToken)
            .ConfigureAwait(false);
    }
}
