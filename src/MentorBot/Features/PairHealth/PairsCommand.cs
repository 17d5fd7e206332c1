using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.PairHealth;

/// <summary>"pairs" in a coordinators channel: every open pair of the program with its health and why, riskiest first.</summary>
public sealed class PairsCommand : ICommand
{
    private const int MaxRows = 60;

    private readonly ProgramStore _programs;
    private readonly PairStore _pairs;
    private readonly PairHealthAssessor _health;

    public PairsCommand(ProgramStore programs, PairStore pairs, PairHealthAssessor health)
    {
        _programs = programs;
        _pairs = pairs;
        _health = health;
    }

    public CommandInfo Info { get; } = new("pairs", "Lists this program's pairs by health, riskiest first (coordinators only).", CommandScopes.Channel) { Audience = Audience.ProgramCoordinator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var program = ProgramSubject.ProgramOf(turn);

        var rows = new List<(Pair Pair, HealthAssessment Health)>();
        foreach (var pair in (await _pairs.InProgramAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false)).Where(p => !p.IsClosed))
        {
            rows.Add((pair, await _health.AssessAsync(pair, program, cancellationToken).ConfigureAwait(false)));
        }

        if (rows.Count == 0)
        {
            turn.Reply($"{program.Name} has no open pairs yet.");
            return;
        }

        turn.Reply(PairHealthCard.Create(program.Name, rows.OrderBy(r => r.Health.Level).ThenBy(r => r.Pair.Mentor.Name, StringComparer.Ordinal).ToList(), MaxRows));
    }
}

public static class PairHealthCard
{
    public static AdaptiveCard Create(string programName, IReadOnlyList<(Pair Pair, HealthAssessment Health)> rows, int maxRows)
    {
        var shown = rows.Take(maxRows).ToList();
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Pairs in {programName}"),
            new TextBlock(string.Join(" · ", Enum.GetValues<HealthLevel>().Select(l => $"{HealthAssessment.Text(l)}: {rows.Count(r => r.Health.Level == l)}"))),
            new FactSet(shown.Select(r => new Fact(r.Pair.Description, $"{HealthAssessment.Text(r.Health.Level)} — {r.Health.Reason}")).ToList()),
        };
        if (rows.Count > shown.Count)
        {
            body.Add(TextBlock.Subtle($"And {rows.Count - shown.Count} more, all less at risk than those above."));
        }

        return new AdaptiveCard { Body = body, FallbackText = $"Pairs in {programName}" };
    }
}
