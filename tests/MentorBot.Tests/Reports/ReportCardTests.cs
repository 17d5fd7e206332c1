using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Cards;
using MentorBot.Features.Reports;
using MentorBot.Features.Reports.Charts;

namespace MentorBot.Tests.Reports;

public sealed class ReportCardTests
{
    private static readonly string[] TeamsChartTypes =
        ["Chart.Donut", "Chart.Gauge", "Chart.VerticalBar", "Chart.VerticalBar.Grouped", "Chart.HorizontalBar", "Chart.HorizontalBar.Stacked", "Chart.Line", "Chart.Pie"];

    private static readonly string[] FallbackTypes = ["FactSet", "Table"];

    private static readonly ProgramReport Report = ProgramReport.Compute(ReportSeed.Inputs());

    private static JsonObject Rendered() =>
        JsonNode.Parse(ChartCardJson.Render(ReportCard.Create("Graduate mentoring", Report), ReportCard.Charts(Report)).GetRawText())!.AsObject();

    [Fact]
    public void Every_chart_is_a_Teams_chart_with_a_FactSet_or_Table_fallback_on_a_1_5_card()
    {
        var card = Rendered();
        var charts = Nodes(card).Where(n => n["type"]?.GetValue<string>().StartsWith("Chart.", StringComparison.Ordinal) == true).ToList();

        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal(["Chart.Donut", "Chart.VerticalBar.Grouped", "Chart.HorizontalBar"], charts.Select(c => c["type"]!.GetValue<string>()));
        Assert.All(charts, chart =>
        {
            Assert.Contains(chart["type"]!.GetValue<string>(), TeamsChartTypes);
            Assert.NotEmpty(chart["data"]!.AsArray());
            var fallback = chart["fallback"]!.AsObject();
            Assert.Equal("Container", fallback["type"]!.GetValue<string>());
            Assert.Contains(fallback["items"]![0]!["type"]!.GetValue<string>(), FallbackTypes);
        });
    }

    [Fact]
    public void The_card_names_the_cohorts_left_out_of_the_totals()
    {
        var texts = Nodes(Rendered()).Where(n => n["type"]?.GetValue<string>() == "TextBlock").Select(n => n["text"]!.GetValue<string>()).ToList();

        Assert.Contains(texts, t => t.StartsWith("Left out of every figure", StringComparison.Ordinal) && t.EndsWith(": Tiny C.", StringComparison.Ordinal));
        Assert.DoesNotContain(ReportCard.Create("P", ProgramReport.Compute(ReportSeed.Inputs(), "a")).Body.OfType<TextBlock>(),
            t => t.Text.StartsWith("Left out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chart_with_nothing_to_draw_is_left_out_and_its_place_keeps_the_fallback()
    {
        var report = ProgramReport.Compute(ReportSeed.Inputs() with { Alerts = [] });

        Assert.DoesNotContain(ReportCard.Charts(report), c => c.SlotId == ReportCard.EscalationsChart);
        var json = ChartCardJson.Render(ReportCard.Create("P", report), ReportCard.Charts(report)).GetRawText();
        Assert.DoesNotContain("Chart.HorizontalBar", json, StringComparison.Ordinal);
        Assert.Contains(ReportCard.EscalationsChart, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_without_charts_is_exactly_the_charts_fallbacks()
    {
        var typed = JsonNode.Parse(CardJson.Serialize(ReportCard.Create("Graduate mentoring", Report)))!;
        var rendered = Rendered();

        // What a client without charts shows: each chart replaced by its fallback (the typed card's slot, minus its id).
        var fallbackView = JsonNode.Parse(rendered.ToJsonString())!;
        ReplaceChartsWithFallbacks(fallbackView);
        foreach (var slot in Nodes(typed).Where(n => n["id"]?.GetValue<string>().StartsWith("chart-", StringComparison.Ordinal) == true).ToList())
        {
            slot.Remove("id");
        }

        Assert.True(JsonNode.DeepEquals(typed, fallbackView), fallbackView.ToJsonString());
    }

    [Fact]
    public void Outcomes_chart_has_one_series_per_shown_cohort_and_only_shown_means()
    {
        var outcomes = Assert.IsType<GroupedBarChart>(ReportCard.Charts(Report).Single(c => c.SlotId == ReportCard.OutcomesChart));

        // A has all four means; B's are hidden (3 answers), so B has no series; C is suppressed.
        Assert.Equal(["Spring A"], outcomes.Series.Select(s => s.Legend));
        Assert.Equal([3.4, 4.0, 4.4, 3.8], outcomes.Series[0].Values.Select(v => v.Y));
    }

    [Fact]
    public void The_report_shows_suppressed_groups_as_such_and_only_opted_in_free_text()
    {
        var json = Rendered().ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains(ReportText.Suppressed, json, StringComparison.Ordinal);
        Assert.Contains(ReportSeed.SharedLearning, json, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportSeed.SecretLearning, json, StringComparison.Ordinal);
        Assert.DoesNotContain("private", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Mentor a1", json, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static void ReplaceChartsWithFallbacks(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject o && o["type"]?.GetValue<string>().StartsWith("Chart.", StringComparison.Ordinal) == true)
                {
                    var fallback = o["fallback"]!;
                    o.Remove("fallback");
                    array[i] = fallback;
                }

                ReplaceChartsWithFallbacks(array[i]);
            }
        }
        else if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj.ToList())
            {
                ReplaceChartsWithFallbacks(value);
            }
        }
    }
}
