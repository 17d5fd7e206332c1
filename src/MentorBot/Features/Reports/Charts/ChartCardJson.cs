using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Cards;

namespace MentorBot.Features.Reports.Charts;

/// <summary>
/// Puts charts into a card. The card is built with the typed model, each chart's place holding a Container with the
/// chart's id and its fallback (a FactSet or Table): that card alone is what a client without charts (Teams mobile)
/// shows, and it validates as Adaptive Card 1.5. Here each such container becomes the chart, with the container as
/// its <c>fallback</c>. Once <c>MentorBot.Cards</c> has chart elements this class goes away.
/// </summary>
public static class ChartCardJson
{
    public static JsonElement Render(AdaptiveCard card, IReadOnlyList<ReportChart> charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var root = JsonNode.Parse(CardJson.Serialize(card))!.AsObject();
        var byId = charts.ToDictionary(c => c.SlotId, StringComparer.Ordinal);
        Replace(root, byId);
        return JsonSerializer.SerializeToElement(root);
    }

    /// <summary>The slot that holds a chart's fallback until the chart is rendered in its place.</summary>
    public static Container Slot(string slotId, CardElement fallback) => new([fallback]) { Id = slotId };

    private static void Replace(JsonNode? node, IReadOnlyDictionary<string, ReportChart> charts)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item && item["type"]?.GetValue<string>() == "Container"
                        && item["id"]?.GetValue<string>() is { } id && charts.TryGetValue(id, out var chart))
                    {
                        var element = chart.ToJson();
                        element["id"] = id;
                        array[i] = null;
                        element["fallback"] = item;
                        item.Remove("id");
                        array[i] = element;
                    }
                    else
                    {
                        Replace(array[i], charts);
                    }
                }

                break;
            case JsonObject obj:
                foreach (var (_, value) in obj.ToList())
                {
                    Replace(value, charts);
                }

                break;
            default:
                break;
        }
    }
}
