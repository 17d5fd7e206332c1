using System.Text.Json.Nodes;

namespace MentorBot.Features.Reports.Charts;

/// <summary>
/// A Teams chart element (protocol.md E: Chart.Donut, Chart.VerticalBar.Grouped, Chart.HorizontalBar …). The card
/// model in <c>MentorBot.Cards</c> has no chart types yet, so a chart is rendered into the card's JSON in place of a
/// "slot" container that holds its fallback (see <see cref="ChartCardJson"/>).
/// </summary>
public abstract record ReportChart(string SlotId, string Title)
{
    public abstract bool HasData { get; }

    /// <summary>The element's JSON without its fallback; <see cref="ChartCardJson"/> adds the fallback.</summary>
    public abstract JsonObject ToJson();
}

public sealed record DonutSlice(string Legend, double Value);

/// <summary>Parts of a whole, e.g. pairs by state.</summary>
public sealed record DonutChart(string SlotId, string Title, IReadOnlyList<DonutSlice> Slices) : ReportChart(SlotId, Title)
{
    public const string Type = "Chart.Donut";

    public override bool HasData => Slices.Count > 0;

    public override JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["title"] = Title,
        ["data"] = new JsonArray(Slices.Select(s => (JsonNode)new JsonObject { ["legend"] = s.Legend, ["value"] = s.Value }).ToArray()),
    };
}

public sealed record BarSeries(string Legend, IReadOnlyList<(string X, double Y)> Values);

/// <summary>Bars grouped per x value, one colour per series, e.g. outcome means (x: measure) per cohort (series).</summary>
public sealed record GroupedBarChart(string SlotId, string Title, string XAxisTitle, string YAxisTitle, IReadOnlyList<BarSeries> Series) : ReportChart(SlotId, Title)
{
    public const string Type = "Chart.VerticalBar.Grouped";

    public override bool HasData => Series.Count > 0;

    public override JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["title"] = Title,
        ["xAxisTitle"] = XAxisTitle,
        ["yAxisTitle"] = YAxisTitle,
        ["data"] = new JsonArray(Series.Select(s => (JsonNode)new JsonObject
        {
            ["legend"] = s.Legend,
            ["values"] = new JsonArray(s.Values.Select(v => (JsonNode)new JsonObject { ["x"] = v.X, ["y"] = v.Y }).ToArray()),
        }).ToArray()),
    };
}

/// <summary>One bar per category, e.g. escalations by cause.</summary>
public sealed record HorizontalBarChart(string SlotId, string Title, IReadOnlyList<(string X, double Y)> Bars) : ReportChart(SlotId, Title)
{
    public const string Type = "Chart.HorizontalBar";

    public override bool HasData => Bars.Count > 0;

    public override JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["title"] = Title,
        ["data"] = new JsonArray(Bars.Select(b => (JsonNode)new JsonObject { ["x"] = b.X, ["y"] = b.Y }).ToArray()),
    };
}
