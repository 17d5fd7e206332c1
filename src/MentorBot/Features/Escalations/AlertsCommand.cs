using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Escalations;

/// <summary>"alerts" in a coordinators channel: the program's alerts that are not resolved yet, oldest first.</summary>
public sealed class AlertsCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly AlertStore _alerts;

    public AlertsCommand(ProgramStore programs, AlertStore alerts)
    {
        _programs = programs;
        _alerts = alerts;
    }

    public CommandInfo Info { get; } = new("alerts", "Lists this program's open alerts (coordinators only).", CommandScopes.Channel) { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var program = ProgramSubject.ProgramOf(turn);

        var open = (await _alerts.ListAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false))
            .Where(a => a.State != AlertState.Resolved)
            .OrderBy(a => a.RaisedAt)
            .ToList();
        if (open.Count == 0)
        {
            turn.Reply($"No open alerts for {program.Name}.");
            return;
        }

        turn.Reply(new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Open alerts: {program.Name}"),
                new FactSet(open.Select(a => new Fact(a.RaisedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    $"{a.Reason} — {a.PairDescription ?? "program"} ({a.State.ToString().ToLowerInvariant()})")).ToList()),
            ],
            FallbackText = $"{open.Count} open alerts",
        });
    }
}
