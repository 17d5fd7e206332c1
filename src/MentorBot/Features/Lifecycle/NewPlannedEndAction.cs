using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Lifecycle;

/// <summary>A coordinator sets a new planned end for a pair that chose to continue. Coordinators only; the date must be in the future.</summary>
public sealed class NewPlannedEndAction : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly TimeProvider _time;

    public NewPlannedEndAction(PairStore pairs, TimeProvider time)
    {
        _pairs = pairs;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [ContinueCard.NewEndVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {

        if (ProgramSubject.PairIfAny(turn) is not { } entry || entry.Pair.IsClosed)
        {
            turn.Answer("This pairing has ended or can't be found. Nothing was changed.");
            return;
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact(action.Get(ContinueCard.DateInputId), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) || end <= today)
        {
            turn.Answer("Please choose a planned end after today. Nothing was changed.");
            return;
        }

        if (entry.Pair.PlannedEnd == end)
        {
            turn.Answer($"The planned end is already {end:yyyy-MM-dd}. Nothing was changed.");
            return;
        }

        var updated = entry.Pair with { PlannedEnd = end };
        await _pairs.UpdateAsync(updated, entry.ETag, cancellationToken).ConfigureAwait(false);
        turn.ReplaceCard(ContinueCard.Done(updated, turn.UserName ?? "a coordinator"));
        if (!turn.Activity.IsInvoke)
        {
            turn.Answer($"The new planned end is {end:yyyy-MM-dd}.");
        }
    }
}
