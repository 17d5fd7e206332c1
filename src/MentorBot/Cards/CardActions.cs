using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MentorBot.Cards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction(string Title)
{
    public string? Style { get; init; }
}

/// <summary>
/// A Universal Action. Its verb and data arrive as an <c>adaptiveCard/action</c> invoke; older clients fall back to
/// an Action.Submit carrying the same verb in its data, which arrives as a message. The bot handles both.
/// </summary>
public sealed record ExecuteAction : CardAction
{
    public const string VerbField = "verb";

    public ExecuteAction(string title, string verb, JsonObject? data = null)
        : base(title)
    {
        Verb = verb;
        Data = WithVerb(verb, data);
        Fallback = new SubmitAction(title, WithVerb(verb, data));
    }

    public string Verb { get; }

    public JsonObject Data { get; }

    /// <summary>
    /// Always an <see cref="SubmitAction"/>. Declared as the base type because System.Text.Json writes the "type"
    /// discriminator only for values declared as the polymorphic base; declared as SubmitAction it was left out.
    /// </summary>
    public CardAction Fallback { get; }

    private static JsonObject WithVerb(string verb, JsonObject? data)
    {
        var copy = data is null ? [] : (JsonObject)data.DeepClone();
        copy[VerbField] = verb;
        return copy;
    }
}

public sealed record SubmitAction(string Title, JsonObject Data) : CardAction(Title);

public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);
