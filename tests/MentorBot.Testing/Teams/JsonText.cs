using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>Small readers over JSON nodes that never throw on an unexpected shape.</summary>
internal static class JsonText
{
    public static string? StringOrNull(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool IsTrue(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>An object, or an object serialized inside a string (some senders stringify card content).</summary>
    public static JsonObject? AsObject(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            return obj;
        }

        if (StringOrNull(node) is { } text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    public static void CollectStrings(JsonNode? node, StringBuilder into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    CollectStrings(child, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectStrings(child, into);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                into.AppendLine(text);
                break;
        }
    }
}
