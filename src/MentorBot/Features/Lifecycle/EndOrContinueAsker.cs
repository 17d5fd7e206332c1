using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// Asks both parties "end or continue?" privately, in personal chat, with the same neutral words whoever or
/// whatever prompted it. One round is open at a time; asking again while one is open sends nothing new.
/// </summary>
public sealed class EndOrContinueAsker
{
    public const string Row = "eoc/current";

    private readonly LifecycleStore _store;
    private readonly ProactiveMessenger _messenger;
    private readonly DialogEngine _dialogs;
    private readonly TimeProvider _time;

    public EndOrContinueAsker(LifecycleStore store, ProactiveMessenger messenger, DialogEngine dialogs, TimeProvider time)
    {
        _store = store;
        _messenger = messenger;
        _dialogs = dialogs;
        _time = time;
    }

    /// <summary>Starts a round (false when one is already open).</summary>
    public async Task<bool> AskAsync(Pair pair, MentorshipProgram program, string why, CancellationToken cancellationToken)
    {
        if (pair.IsClosed)
        {
            return false;
        }

        var current = await _store.GetAsync<EndOrContinueRound>(pair.TenantId, pair.PairId, Row, cancellationToken).ConfigureAwait(false);
        if (current is { Value.IsOpen: true })
        {
            return false;
        }

        var round = new EndOrContinueRound { Number = (current?.Value.Number ?? 0) + 1, Why = why, AskedAt = _time.GetUtcNow() };
        if (current is { } previous)
        {
            await _store.UpdateAsync(pair.TenantId, pair.PairId, Row, round, previous.ETag, cancellationToken).ConfigureAwait(false);
        }
        else if (!await _store.TryAddAsync(pair.TenantId, pair.PairId, Row, round, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var roleKey = role.ToString().ToLowerInvariant();
            var person = pair.Party(role);
            var key = $"lifecycle/{pair.PairId}/eoc/{round.Number}/{roleKey}";
            await _messenger.SendToPersonAsync(pair.TenantId, person.Id, key + "/intro", Activity.CreateMessage(
                $"A moment to look at your mentoring relationship with {pair.PartnerOf(role).Name}. Your answer is private: your partner won't be told what you said."),
                program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
            var first = await _dialogs.BeginInPersonalChatAsync(person.Id, EndOrContinueDialog.DialogId, new Dictionary<string, string>
            {
                ["tenant"] = pair.TenantId,
                ["program"] = pair.ProgramId,
                ["pair"] = pair.PairId,
                ["role"] = roleKey,
                ["round"] = round.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, cancellationToken).ConfigureAwait(false);
            await _messenger.SendToPersonAsync(pair.TenantId, person.Id, key, first, program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
