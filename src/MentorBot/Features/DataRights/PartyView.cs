using System.Text.Json.Nodes;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.DataRights;

/// <summary>
/// What of a shared pair record one party receives in "my data": the partner by name and id only (never their
/// addresses), and the reason the pair closed only in the words both were told — "rematched" or "withdrawn" would
/// tell a partner who never asked that the other one did.
/// </summary>
public static class PartyView
{
    private static readonly string[] Addresses = ["Mail", "Upn", "Addresses"];

    /// <summary>Shapes an exported row of <paramref name="table"/> for <paramref name="personId"/>, in place.</summary>
    public static void Shape(string table, string personId, JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (table != TableNames.Pairs || row["Pair"] is not JsonObject pair)
        {
            return;
        }

        foreach (var role in new[] { "Mentor", "Mentee" })
        {
            if (pair[role] is JsonObject party && !string.Equals((string?)party["Id"], personId, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var address in Addresses)
                {
                    party.Remove(address);
                }
            }
        }

        if (pair["ClosedReason"] is JsonValue reason && (string?)reason is { } text && text != "completed")
        {
            pair["ClosedReason"] = "ended";
        }
    }
}
