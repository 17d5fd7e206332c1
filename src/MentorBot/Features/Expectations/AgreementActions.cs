using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// "Confirm" and "Revise my answers" on an agreement card. Only the pair's two people may press them, only while
/// the pair is active, and a confirmation counts only on the current version, once per person.
/// </summary>
public sealed class AgreementActions : ICardActionHandler
{
    private readonly PairStore _pairs;
    private readonly AgreementStore _agreements;
    private readonly AgreementPublisher _publisher;
    private readonly ExpectationsStarter _starter;
    private readonly TimeProvider _time;

    public AgreementActions(PairStore pairs, AgreementStore agreements, AgreementPublisher publisher, ExpectationsStarter starter, TimeProvider time)
    {
        _pairs = pairs;
        _agreements = agreements;
        _publisher = publisher;
        _starter = starter;
        _time = time;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [AgreementCard.ConfirmVerb, AgreementCard.ReviseVerb];

    public Audience Audience => Audience.PairParty;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        var pair = ProgramSubject.PairOf(turn).Pair;
        var userId = turn.UserId!;
        var role = pair.RoleOf(userId)!.Value;

        if (pair.IsClosed)
        {
            turn.Answer("This mentoring pair has ended, so its agreement can't be changed any more. Nothing was changed.");
            return;
        }

        if (action.Verb == AgreementCard.ReviseVerb)
        {
            await _starter.BeginRevisionAsync(turn, pair, role, cancellationToken).ConfigureAwait(false);
            return;
        }

        await ConfirmAsync(turn, action, pair, role, userId, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConfirmAsync(Turn turn, CardActionInput action, Pair pair, PairRole role, string userId, CancellationToken cancellationToken)
    {
        var current = await _agreements.CurrentAsync(PairKey.Of(pair), cancellationToken).ConfigureAwait(false);
        var version = int.TryParse(action.Get("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        if (current is not { } entry || entry.Agreement.Version != version)
        {
            turn.Answer(current is null
                ? "I can't find this agreement any more. Nothing was changed."
                : $"This card shows an older version of your agreement; the current one is version {current.Value.Agreement.Version}. "
                    + "Type \"agreement\" to see it. Nothing was changed.");
            return;
        }

        var agreement = entry.Agreement;
        if (agreement.IsConfirmedBy(role))
        {
            // A second press, or a retry of a turn that stopped half-way: finish what the first confirmation started.
            turn.RunAfter(ExpectationsJobs.Confirmed(agreement, turn.Activity.ServiceUrl, _time.GetUtcNow()));
            turn.Answer("You've already confirmed this version of your agreement. Nothing was changed.");
            return;
        }

        var now = _time.GetUtcNow();
        var note = action.Get(AgreementCard.SettlementInputId)?.Trim() ?? string.Empty;
        var updated = agreement with
        {
            Confirmations = [.. agreement.Confirmations, new AgreementConfirmation(role, userId, now)],
            Settlements = note.Length == 0
                ? agreement.Settlements
                : [.. agreement.Settlements, new Settlement(role, note.Length > AgreementCard.MaxSettlementLength ? note[..AgreementCard.MaxSettlementLength] : note, now)],
        };
        await _agreements.UpdateAsync(updated, entry.ETag, cancellationToken).ConfigureAwait(false);

        turn.ReplaceCard(AgreementCard.Create(updated, isCurrent: true));
        // An invoke's card reaches only the presser, so everyone else (e.g. the partner in the pair chat) sees the
        // change through an update; a classic submit's card is already updated by ReplaceCard.
        var alreadyUpdated = turn.Activity.IsInvoke ? null : turn.Activity.ReplyToId;
        AgreementPublisher.RefreshCards(turn, updated, isCurrent: true, exceptActivityId: alreadyUpdated);
        turn.RunAfter(ExpectationsJobs.Confirmed(updated, turn.Activity.ServiceUrl, now));
        if (!updated.IsConfirmed && !turn.Activity.IsInvoke)
        {
            turn.Reply($"Thank you, you've confirmed. I'm waiting for {pair.PartnerOf(role).Name} to confirm too.");
        }
    }
}
