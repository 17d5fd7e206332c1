using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// The agreement as both parties see it: where they differ (with the advice to talk it through), both sides'
/// answers side by side, how differences were settled, who confirmed, and the buttons to confirm or revise.
/// </summary>
public static class AgreementCard
{
    public const string ConfirmVerb = "agreement.confirm";
    public const string ReviseVerb = "agreement.revise";
    public const string SettlementInputId = "settlement";
    public const int MaxSettlementLength = 300;

    public static AdaptiveCard Create(ExpectationsAgreement agreement, bool isCurrent)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var body = new List<CardElement>
        {
            TextBlock.Heading("Your expectations agreement"),
            TextBlock.Subtle($"{agreement.MentorName} (mentor) and {agreement.MenteeName} (mentee) · version {agreement.Version}"
                + (agreement.RevisedBy is { } by ? $", after {agreement.NameOf(by)} revised their answers" : string.Empty)),
        };
        if (!isCurrent)
        {
            body.Add(new TextBlock("This version has been replaced by a newer one. Type \"agreement\" to see the current one.") { Color = "Warning" });
        }

        body.Add(Differences(agreement));
        body.AddRange(Answers(agreement));
        body.AddRange(Settlements(agreement));
        body.Add(Status(agreement));

        var actions = new List<CardAction>();
        if (isCurrent)
        {
            var data = new JsonObject { ["program"] = agreement.ProgramId, ["pair"] = agreement.PairId, ["version"] = agreement.Version };
            if (!agreement.IsConfirmed)
            {
                if (agreement.Differences.Count > 0)
                {
                    body.Add(new TextInput
                    {
                        Id = SettlementInputId,
                        Label = "How did you settle a difference? (optional, both of you see it)",
                        Placeholder = "e.g. We'll meet every two weeks and review in March",
                        IsMultiline = true,
                        MaxLength = MaxSettlementLength,
                    });
                }

                actions.Add(new ExecuteAction("Confirm", ConfirmVerb, data) { Style = "positive" });
            }

            actions.Add(new ExecuteAction("Revise my answers", ReviseVerb, data));
        }

        return new AdaptiveCard
        {
            Body = body,
            Actions = actions.Count == 0 ? null : actions,
            Teams = new TeamsCardOptions(),
            FallbackText = $"Expectations agreement of {agreement.MentorName} and {agreement.MenteeName}, version {agreement.Version}",
        };
    }

    private static Container Differences(ExpectationsAgreement agreement)
    {
        if (agreement.Differences.Count == 0)
        {
            return new Container([new TextBlock("Your answers line up: I found no differences to talk through.") { Color = "Good" }]) { Style = "good" };
        }

        var items = new List<CardElement> { new TextBlock("Where you differ") { Weight = "Bolder" } };
        foreach (var difference in agreement.Differences)
        {
            items.Add(new TextBlock("• " + difference.Description));
            items.Add(new TextBlock(difference.Question) { IsSubtle = true, Spacing = "None" });
        }

        items.Add(new TextBlock("Naming differences now prevents quiet resentment later. Talk them through, then note below how you settled them.")
        {
            Weight = "Bolder",
        });
        return new Container(items) { Style = "warning" };
    }

    private static IEnumerable<CardElement> Answers(ExpectationsAgreement agreement)
    {
        var mentee = agreement.Mentee;
        var mentor = agreement.Mentor;
        yield return new TextBlock($"What {agreement.MenteeName} wants") { Weight = "Bolder", Separator = true };
        yield return new FactSet([new Fact("To learn or achieve", Or(mentee.Goals)), new Fact("Skill gap", Or(mentee.SkillGap))]);
        yield return new TextBlock($"What {agreement.MentorName} offers") { Weight = "Bolder" };
        yield return new FactSet([new Fact("Can offer", Or(mentor.Offer)), new Fact("Limits", Or(mentor.Limits))]);
        yield return new TextBlock("How you'll work together") { Weight = "Bolder" };
        yield return new Table(
            [new TableColumn(2), new TableColumn(3), new TableColumn(3)],
            [
                Row("Topic", $"{agreement.MentorName} (mentor)", $"{agreement.MenteeName} (mentee)", bold: true),
                Row("Meet", Title(ExpectationChoices.Frequencies, mentor.Frequency), Title(ExpectationChoices.Frequencies, mentee.Frequency)),
                Row("Between meetings", Title(ExpectationChoices.BetweenMeetings, mentor.BetweenMeetings), Title(ExpectationChoices.BetweenMeetings, mentee.BetweenMeetings)),
                Row("Communicate by", Modes(mentor.Modes), Modes(mentee.Modes)),
                Row("When a meeting must move", Or(mentor.Rescheduling), Or(mentee.Rescheduling)),
                Row("It worked if…", Or(mentor.SuccessCriteria), Or(mentee.SuccessCriteria)),
            ]);
    }

    private static IEnumerable<CardElement> Settlements(ExpectationsAgreement agreement)
    {
        if (agreement.Settlements.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock("How you settled the differences") { Weight = "Bolder", Separator = true };
        foreach (var settlement in agreement.Settlements)
        {
            yield return new TextBlock($"{agreement.NameOf(settlement.Role)}: {settlement.Note}");
        }
    }

    private static TextBlock Status(ExpectationsAgreement agreement)
    {
        if (agreement.IsConfirmed)
        {
            var confirmedAt = agreement.Confirmations.Max(c => c.At);
            return new TextBlock($"Confirmed by both of you on {confirmedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. "
                + "You can revise it whenever your needs change; you'll both confirm again.") { Color = "Good", Separator = true };
        }

        var parts = new[] { PairRole.Mentor, PairRole.Mentee }
            .Select(role => agreement.IsConfirmedBy(role) ? $"{agreement.NameOf(role)} has confirmed" : $"waiting for {agreement.NameOf(role)} to confirm");
        var text = string.Join("; ", parts);
        return new TextBlock(char.ToUpperInvariant(text[0]) + text[1..] + ".") { Separator = true };
    }

    private static TableRow Row(string label, string mentor, string mentee, bool bold = false) =>
        new([Cell(label, true), Cell(mentor, bold), Cell(mentee, bold)]);

    private static TableCell Cell(string text, bool bold) => new([new TextBlock(text) { Weight = bold ? "Bolder" : null }]);

    private static string Title(IReadOnlyList<Choice> choices, string value) => ExpectationChoices.Title(choices, value);

    private static string Modes(IReadOnlyList<string> modes) => modes.Count == 0 ? "—" : string.Join(", ", modes.Select(m => ExpectationChoices.Title(ExpectationChoices.Modes, m)));

    private static string Or(string? answer) => string.IsNullOrWhiteSpace(answer) ? "—" : answer;
}
