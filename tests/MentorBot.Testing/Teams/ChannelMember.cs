using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>A person the stand-in channel knows, returned by the get-member call.</summary>
/// <param name="Id">Teams user id, <c>29:…</c>.</param>
public sealed record ChannelMember(string Id, string Name, string AadObjectId, string Email, string UserPrincipalName, string TenantId)
{
    public static ChannelMember From(TestUser user, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ChannelMember(user.TeamsId, user.Name, user.AadObjectId, user.Email, user.Upn, tenantId);
    }

    /// <summary>True when the id is this member's Teams id, AAD object id or UPN (the three the real API accepts).</summary>
    public bool IsKnownAs(string id) =>
        string.Equals(id, Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(id, AadObjectId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(id, UserPrincipalName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The TeamsChannelAccount shape; both <c>aadObjectId</c> and <c>objectId</c>, since Teams uses either.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["aadObjectId"] = AadObjectId,
        ["objectId"] = AadObjectId,
        ["email"] = Email,
        ["userPrincipalName"] = UserPrincipalName,
        ["tenantId"] = TenantId,
        ["userRole"] = "user",
    };
}
