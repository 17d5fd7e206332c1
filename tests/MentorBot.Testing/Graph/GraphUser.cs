using System.Text.Json.Nodes;

namespace MentorBot.Testing;

/// <summary>A user in the stand-in Graph directory.</summary>
/// <param name="Id">Entra object id (a GUID string).</param>
public sealed record GraphUser(string Id, string DisplayName, string? Mail, string UserPrincipalName)
{
    public IReadOnlyList<string> OtherMails { get; init; } = [];

    /// <summary>e.g. <c>SMTP:ada@contoso.test</c> (primary) and <c>smtp:alias@contoso.test</c>.</summary>
    public IReadOnlyList<string> ProxyAddresses { get; init; } = [];

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? JobTitle { get; init; }

    // department and officeLocation are string properties of microsoft.graph.user (learn.microsoft.com/graph/api/resources/user).
    public string? Department { get; init; }

    public string? OfficeLocation { get; init; }

    /// <summary>The same person as a Teams <see cref="TestUser"/> (same object id, UPN and mail).</summary>
    public static GraphUser From(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new GraphUser(user.AadObjectId, user.Name, user.Email, user.Upn)
        {
            ProxyAddresses = ["SMTP:" + user.Email],
        };
    }

    /// <summary>True when the key is this user's id, UPN or mail (the ways <c>/users/{key}</c> and lookups find someone).</summary>
    public bool IsKnownAs(string key) =>
        string.Equals(key, Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(key, UserPrincipalName, StringComparison.OrdinalIgnoreCase)
        || (Mail is not null && string.Equals(key, Mail, StringComparison.OrdinalIgnoreCase));

    /// <summary>The microsoft.graph.user JSON shape.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["displayName"] = DisplayName,
        ["givenName"] = GivenName,
        ["surname"] = Surname,
        ["jobTitle"] = JobTitle,
        ["department"] = Department,
        ["officeLocation"] = OfficeLocation,
        ["mail"] = Mail,
        ["userPrincipalName"] = UserPrincipalName,
        ["businessPhones"] = new JsonArray(),
        ["otherMails"] = new JsonArray(OtherMails.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        ["proxyAddresses"] = new JsonArray(ProxyAddresses.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
    };
}
