using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Closure;

/// <summary>
/// Closes a pair: records how it ended, tells each party with the same message (neutral for a rematch, a success
/// for a completion), and starts each party's private end reflection. Closing twice does nothing the second time.
/// After closure no check-in, nudge or prompt goes out for the pair: every sender checks <see cref="Pair.IsClosed"/>.
/// </summary>
public sealed class PairClosure
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly ProactiveMessenger _messenger;
    private readonly DialogEngine _dialogs;
    private readonly IEnumerable<IPairClosedHandler> _handlers;
    private readonly TimeProvider _time;

    public PairClosure(PairStore pairs, ProgramStore programs, ProactiveMessenger messenger, DialogEngine dialogs,
        IEnumerable<IPairClosedHandler> handlers, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _messenger = messenger;
        _dialogs = dialogs;
        _handlers = handlers;
        _time = time;
    }

    /// <summary>Closes the pair; false when it was already closed (nothing is sent again).</summary>
    public async Task<bool> CloseAsync(string tenantId, string programId, string pairId, ClosureReason reason, CancellationToken cancellationToken)
    {
        var found = await _pairs.GetAsync(tenantId, programId, pairId, cancellationToken).ConfigureAwait(false);
        var programFound = await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false);
        if (found is not { } entry || programFound is not { } programEntry || entry.Pair.IsClosed)
        {
            return false;
        }

        var closed = entry.Pair with { Stage = PairStage.Closed, ClosedReason = ClosureReasons.Key(reason), ClosedAt = _time.GetUtcNow() };
        await _pairs.UpdateAsync(closed, entry.ETag, cancellationToken).ConfigureAwait(false);

        var program = programEntry.Program;
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var person = closed.Party(role);
            var roleKey = role.ToString().ToLowerInvariant();
            await _messenger.SendToPersonAsync(closed.TenantId, person.Id, $"closure/{closed.PairId}/{roleKey}/notice",
                CardJson.ToMessage(ClosureCard.Create(closed, role, reason)), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);

            var firstQuestion = await _dialogs.BeginInPersonalChatAsync(person.Id, ClosureReflectionDialog.DialogId, new Dictionary<string, string>
            {
                ["tenant"] = closed.TenantId,
                ["program"] = closed.ProgramId,
                ["pair"] = closed.PairId,
                ["role"] = roleKey,
            }, cancellationToken).ConfigureAwait(false);
            await _messenger.SendToPersonAsync(closed.TenantId, person.Id, $"closure/{closed.PairId}/{roleKey}/reflection",
                firstQuestion, program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }

        foreach (var handler in _handlers)
        {
            await handler.OnPairClosedAsync(closed, program, reason, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}

/// <summary>The message both parties get when the pair closes: the same words for both.</summary>
public static class ClosureCard
{
    public static AdaptiveCard Create(Pair pair, PairRole role, ClosureReason reason)
    {
        var partner = pair.PartnerOf(role);
        var text = reason switch
        {
            ClosureReason.Completed => $"Your mentoring relationship with {partner.Name} has reached its planned conclusion. Well done, both of you.",
            ClosureReason.ConcludedEarly => $"You and {partner.Name} concluded your formal mentoring relationship. Ending when you've got what you needed is a success.",
            ClosureReason.Rematched => "Your program coordinator has closed this pairing and will be in touch about what comes next. This happens in every program and is nobody's fault.",
            _ => "This mentoring pairing has been closed by the program. Your coordinator will be in touch if anything is needed from you.",
        };
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading("Your mentoring pairing has ended"),
                new TextBlock(text),
                new TextBlock("I'll ask you a few private questions to look back; your answers help the program, and your partner won't see them.") { IsSubtle = true },
            ],
            FallbackText = "Your mentoring pairing has ended",
        };
    }
}
