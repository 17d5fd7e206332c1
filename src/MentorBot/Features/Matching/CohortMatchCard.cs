using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Matching;

/// <summary>
/// The proposed matching of a cohort as a table the coordinator can change (one mentor choice per mentee) before
/// confirming; and the card that replaces it once the pairs are registered.
/// </summary>
public static class CohortMatchCard
{
    public const string ConfirmVerb = "match.cohort.confirm";
    public const string NoMentor = "none";

    /// <summary>A card with more rows than this is too long to read.</summary>
    public const int MaxMentees = 20;

    /// <summary>The bot's budget for one message (UTF-16 bytes), as the card tests measure it.</summary>
    private const int MaxBytes = 80 * 1024;

    /// <summary>Whether the card fits in one Teams message: many mentors per mentee make each row's choices long.</summary>
    public static bool FitsInAMessage(AdaptiveCard card) => System.Text.Encoding.Unicode.GetByteCount(CardJson.Serialize(card)) < MaxBytes;

    public static string InputFor(int mentee) => $"mentee-{mentee.ToString(CultureInfo.InvariantCulture)}";

    public static AdaptiveCard Create(CohortProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var rows = new List<TableRow> { Row(Bold("Mentee"), Bold("Mentor"), Bold("Why")) };
        for (var i = 0; i < proposal.Mentees.Count; i++)
        {
            var proposed = proposal.Proposed[i];
            var choices = proposal.Mentors.Select((m, j) => (m, j)).Where(x => proposal.Fits[i][x.j] is not null)
                .Select(x => new Choice($"{x.m.Name} ({Score(proposal.Fits[i][x.j]!.Score)})", x.m.Id))
                .Append(new Choice("No mentor for now", NoMentor))
                .ToList();
            var why = proposed < 0 ? "no mentor with room may be matched with them" : proposal.Fits[i][proposed]!.Explanation;
            rows.Add(Row(
                new TextBlock(proposal.Mentees[i].Name),
                new ChoiceSetInput(choices)
                {
                    Id = InputFor(i),
                    Style = "compact",
                    Value = proposed < 0 ? NoMentor : proposal.Mentors[proposed].Id,
                    Label = $"Mentor for {proposal.Mentees[i].Name}",
                },
                new TextBlock(why) { Size = "Small" }));
        }

        var matched = proposal.Proposed.Count(p => p >= 0);
        return new AdaptiveCard
        {
            Body =
            [
                TextBlock.Heading($"Proposed matching: {proposal.CohortName}"),
                new TextBlock($"{matched} of {proposal.Mentees.Count} mentees matched, total fit {Score(proposal.TotalFit)}: the best total possible within each mentor's capacity, leaving out previous partners and anyone either asked not to be matched with."),
                new Table([new TableColumn(2), new TableColumn(3), new TableColumn(4)], rows),
                TextBlock.Subtle("Change any mentor before confirming. Confirming registers each pair as usual: introductions and expectations questions follow."),
            ],
            Actions = [new ExecuteAction("Confirm these pairs", ConfirmVerb, new JsonObject { ["program"] = proposal.ProgramId, ["proposal"] = proposal.ProposalId })],
            FallbackText = $"Proposed matching for {proposal.CohortName}",
        };
    }

    public static AdaptiveCard Confirmed(CohortProposal proposal, IReadOnlyList<Pair> registered, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(problems);
        var body = new List<CardElement>
        {
            TextBlock.Heading($"Matching confirmed: {proposal.CohortName}"),
            new TextBlock($"{registered.Count} pairs registered."),
        };
        if (registered.Count > 0)
        {
            body.Add(new FactSet(registered.Select(p => new Fact(p.Mentee.Name, p.Mentor.Name)).ToList()));
        }

        if (problems.Count > 0)
        {
            body.Add(new TextBlock("Not registered:") { Weight = "Bolder" });
            body.AddRange(problems.Select(p => new TextBlock("• " + p)));
        }

        return new AdaptiveCard { Body = body, FallbackText = $"Matching confirmed: {proposal.CohortName}" };
    }

    private static string Score(double score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    private static TextBlock Bold(string text) => new(text) { Weight = "Bolder" };

    private static TableRow Row(params CardElement[] cells) => new(cells.Select(c => new TableCell([c])).ToList());
}
