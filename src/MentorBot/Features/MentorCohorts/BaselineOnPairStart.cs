using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.MentorCohorts;

/// <summary>Sends each party the baseline card when their pair starts, once per pair and party.</summary>
public sealed class BaselineOnPairStart : IPairStartHandler
{
    private readonly ProactiveMessenger _messenger;

    public BaselineOnPairStart(ProactiveMessenger messenger)
    {
        _messenger = messenger;
    }

    public async Task OnPairStartedAsync(Pair pair, MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(program);
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, $"baseline/{pair.PairId}/{role.ToString().ToLowerInvariant()}",
                CardJson.ToMessage(BaselineCard.Create(pair, role)), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
