using MentorBot.Conversations;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Pairs;

/// <summary>
/// Starts a registered pair: moves it to Expectations, tells each party who their partner is, lets features begin
/// (the expectations conversation), and tells the coordinators exactly who must install the app first.
/// </summary>
public sealed class PairStartJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly ProactiveMessenger _messenger;
    private readonly IEnumerable<IPairStartHandler> _handlers;

    public PairStartJob(PairStore pairs, ProgramStore programs, ProactiveMessenger messenger, IEnumerable<IPairStartHandler> handlers)
    {
        _pairs = pairs;
        _programs = programs;
        _messenger = messenger;
        _handlers = handlers;
    }

    public string Kind => PairRegistration.StartJobKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        var tenant = job.Get("tenant")!;
        var programFound = await _programs.GetAsync(tenant, job.Get("program")!, cancellationToken).ConfigureAwait(false);
        var pairFound = await _pairs.GetAsync(tenant, job.Get("program")!, job.Get("pair")!, cancellationToken).ConfigureAwait(false);
        if (programFound is not { } programEntry || pairFound is not { } pairEntry || pairEntry.Pair.IsClosed)
        {
            return;
        }

        var program = programEntry.Program;
        var pair = pairEntry.Pair;
        if (pair.Stage == PairStage.Created)
        {
            pair = pair with { Stage = PairStage.Expectations };
            await _pairs.UpdateAsync(pair, pairEntry.ETag, cancellationToken).ConfigureAwait(false);
        }

        var unreachable = new List<Person>();
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var person = pair.Party(role);
            var introduction = PairIntroduction.For(pair, role, program);
            var delivery = await _messenger.SendToPersonAsync(pair.TenantId, person.Id, $"pair/{pair.PairId}/introduction",
                introduction, program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
            if (delivery.Outcome == DeliveryOutcome.WaitingForInstall)
            {
                unreachable.Add(person);
            }
        }

        foreach (var handler in _handlers)
        {
            await handler.OnPairStartedAsync(pair, program, cancellationToken).ConfigureAwait(false);
        }

        if (unreachable.Count > 0)
        {
            var names = string.Join(" and ", unreachable.Select(p => $"{p.Name} ({p.Upn ?? p.Mail ?? p.Id})"));
            var notice = Activity.CreateMessage(
                $"I can't reach {names} yet for the pair {pair.Description}: MentorBot is not installed for them and I may not install it. " +
                "Please ask them to add MentorBot in Teams (Apps → search \"MentorBot\" → Add). I'll start with them as soon as they do.");
            await _messenger.SendToConversationAsync(pair.TenantId,
                new ConversationReference(program.Channel.ServiceUrl, program.Channel.ChannelId, pair.TenantId, ConversationTypes.Channel, null),
                $"pair/{pair.PairId}/unreachable", notice, cancellationToken).ConfigureAwait(false);
        }
    }
}
