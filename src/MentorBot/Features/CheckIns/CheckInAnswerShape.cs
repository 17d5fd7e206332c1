using System.Text.Json.Nodes;

namespace MentorBot.Features.CheckIns;

/// <summary>
/// Answers stored before the check-in asked "No / Yes — what?" rated every question on the three-step scale
/// (<c>"Needs"</c> and <c>"Differently"</c> as numbers). They read as the new shape: "working well" is No, and
/// "could be better" or "not working" is a Yes whose words were never asked for. Used on every read and by
/// <see cref="CheckInAnswersMigration"/>, which rewrites the rows once.
/// </summary>
public static class CheckInAnswerShape
{
    /// <summary>The row property telling that its JSON has the current shape.</summary>
    public const string ShapeProperty = "Shape";

    public const int Current = 2;

    /// <summary>Turns an old answer's JSON into the current shape in place; false when it already had it.</summary>
    public static bool Upgrade(JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var changed = false;
        if (answer["Needs"] is JsonValue needs)
        {
            answer.Remove("Needs");
            answer["Need"] = RequestFrom(needs);
            changed = true;
        }

        if (answer["Differently"] is JsonValue differently)
        {
            answer["Differently"] = RequestFrom(differently);
            changed = true;
        }

        return changed;
    }

    private static JsonObject? RequestFrom(JsonValue oldRating) =>
        oldRating.TryGetValue(out int rating) && rating != (int)CheckInRating.WorkingWell ? new JsonObject { ["Text"] = null } : null;
}
