using System.Text.Json;
using MentorBot.Cards;
using MentorBot.Protocol.Schema;

namespace MentorBot.Conversations;

/// <summary>
/// A card button press, whichever way it arrived: an <c>adaptiveCard/action</c> invoke (Action.Execute) or a
/// message whose <c>value</c> holds the inputs and the verb (Action.Submit fallback).
/// </summary>
public sealed class CardActionInput
{
    public const string InvokeName = "adaptiveCard/action";

    private CardActionInput(string verb, JsonElement data, bool isInvoke)
    {
        Verb = verb;
        Data = data;
        IsInvoke = isInvoke;
    }

    public string Verb { get; }

    /// <summary>The action's data merged with the card's inputs, keyed by input id.</summary>
    public JsonElement Data { get; }

    public bool IsInvoke { get; }

    public string? Get(string key) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(key, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public static CardActionInput? From(Activity activity)
    {
        if (activity.IsInvoke)
        {
            if (!string.Equals(activity.Name, InvokeName, StringComparison.Ordinal) || activity.Value is not { ValueKind: JsonValueKind.Object } value
                || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : EmptyObject;
            var verb = action.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            verb ??= data.TryGetProperty(ExecuteAction.VerbField, out var dv) && dv.ValueKind == JsonValueKind.String ? dv.GetString() : null;
            return string.IsNullOrEmpty(verb) ? new CardActionInput(string.Empty, data, true) : new CardActionInput(verb, data, true);
        }

        if (string.Equals(activity.Type, ActivityTypes.Message, StringComparison.Ordinal)
            && activity.Value is { ValueKind: JsonValueKind.Object } submitted
            && submitted.TryGetProperty(ExecuteAction.VerbField, out var submitVerb) && submitVerb.ValueKind == JsonValueKind.String)
        {
            return new CardActionInput(submitVerb.GetString()!, submitted, false);
        }

        return null;
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
