using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Closure;
using MentorBot.Features.Escalations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Lifecycle;

/// <summary>
/// Records private answers and decides once both are in: both conclude → the pair closes (completed at or after the
/// planned end, concluded early before it: a success either way); both continue → it continues and coordinators may
/// set a new planned end; anything else → one alert so a coordinator can facilitate. Nobody in the pair is told
/// what the other answered.
/// </summary>
public sealed class EndOrContinueDecision
{
    public const string AlertCause = "end-or-continue";

    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly LifecycleStore _store;
    private readonly PairClosure _closure;
    private readonly EscalationAlerts _alerts;
    private readonly ProactiveMessenger _messenger;
    private readonly TimeProvider _time;

    public EndOrContinueDecision(PairStore pairs, ProgramStore programs, LifecycleStore store, PairClosure closure, EscalationAlerts alerts,
        ProactiveMessenger messenger, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _store = store;
        _closure = closure;
        _alerts = alerts;
        _messenger = messenger;
        _time = time;
    }

    /// <summary>Records the answer; returns what to tell the person who answered (never the partner's answer).</summary>
    public async Task<string> RecordAsync(string tenantId, string programId, string pairId, string role, int roundNumber, string answer,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var pairFound = await _pairs.GetAsync(tenantId, programId, pairId, cancellationToken).ConfigureAwait(false);
            var programFound = await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false);
            var stored = await _store.GetAsync<EndOrContinueRound>(tenantId, pairId, EndOrContinueAsker.Row, cancellationToken).ConfigureAwait(false);
            if (pairFound is not { Pair: { IsClosed: false } pair } || programFound is not { } program)
            {
                return "This pairing has already ended, so nothing was recorded.";
            }

            if (stored is not { } current || current.Value.Number != roundNumber || !current.Value.IsOpen)
            {
                return "This question has already been settled, so nothing was changed.";
            }

            if (current.Value.AnswerOf(role) is not null)
            {
                return "You already answered this. Nothing was changed.";
            }

            var round = current.Value.With(role, answer);
            var decided = round is { Mentor: { } m, Mentee: { } e } ? round with { Outcome = m == e && m != EndOrContinueAnswers.NotSure ? m : "differ" } : round;
            try
            {
                await _store.UpdateAsync(tenantId, pairId, EndOrContinueAsker.Row, decided, current.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrentUpdateException) when (attempt < 3)
            {
                continue;
            }

            return decided.Outcome is null
                ? "Thank you. Your answer is private; I'll let you know what happens next once you've both answered."
                : await DecideAsync(pair, program.Program, decided, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> DecideAsync(Pair pair, MentorshipProgram program, EndOrContinueRound round, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        switch (round.Outcome)
        {
            case EndOrContinueAnswers.Conclude:
                await _closure.CloseAsync(pair.TenantId, pair.ProgramId, pair.PairId,
                    today >= pair.PlannedEnd ? ClosureReason.Completed : ClosureReason.ConcludedEarly, cancellationToken).ConfigureAwait(false);
                return "Thank you. You both feel this is a good place to conclude.";
            case EndOrContinueAnswers.Continue:
                await TellBothAsync(pair, program, round, "You both want to keep going: your mentoring relationship continues. Your coordinator may agree a new end date with you.",
                    cancellationToken).ConfigureAwait(false);
                await _messenger.SendToConversationAsync(pair.TenantId, Channel(program), $"lifecycle/{pair.PairId}/eoc/{round.Number}/continue",
                    CardJson.ToMessage(ContinueCard.Create(pair)), cancellationToken).ConfigureAwait(false);
                return "Thank you.";
            default:
                await _alerts.RaiseAsync(program, new AlertRequest(AlertCause, $"eoc/{pair.PairId}/{round.Number}",
                    "The pair answered \"end or continue?\" differently")
                {
                    PairId = pair.PairId,
                    PairDescription = pair.Description,
                    // Coordinators only: the parties are never told what the other answered.
                    Details = $"{pair.Mentor.Name} (mentor): {EndOrContinueAnswers.Text(round.Mentor)}. {pair.Mentee.Name} (mentee): {EndOrContinueAnswers.Text(round.Mentee)}.",
                    Parties = [new AlertParty("mentor", pair.Mentor.Name, pair.Mentor.Upn), new AlertParty("mentee", pair.Mentee.Name, pair.Mentee.Upn)],
                }, cancellationToken).ConfigureAwait(false);
                await TellBothAsync(pair, program, round, "Thank you both. Your program coordinator will be in touch to talk it through; neither of you has been told what the other answered.",
                    cancellationToken).ConfigureAwait(false);
                return "Thank you.";
        }
    }

    /// <summary>The same words to both, so nothing reveals who answered what.</summary>
    private async Task TellBothAsync(Pair pair, MentorshipProgram program, EndOrContinueRound round, string text, CancellationToken cancellationToken)
    {
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            await _messenger.SendToPersonAsync(pair.TenantId, pair.Party(role).Id, $"lifecycle/{pair.PairId}/eoc/{round.Number}/{role.ToString().ToLowerInvariant()}/outcome",
                Activity.CreateMessage(text), program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ConversationReference Channel(MentorshipProgram program) =>
        new(program.Channel.ServiceUrl, program.Channel.ChannelId, program.TenantId, ConversationTypes.Channel, null);
}
