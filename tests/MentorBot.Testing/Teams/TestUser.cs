using System.Text;

namespace MentorBot.Testing;

/// <summary>A person in the stand-in tenant, with the three ids Teams knows them by.</summary>
/// <param name="Name">Display name.</param>
/// <param name="AadObjectId">Entra object id (a GUID string).</param>
/// <param name="TeamsId">Teams user id, <c>29:…</c>.</param>
/// <param name="Upn">User principal name.</param>
public sealed record TestUser(string Name, string AadObjectId, string TeamsId, string Upn)
{
    /// <summary>Mail address; the UPN unless set.</summary>
    public string Email { get; init; } = Upn;

    /// <summary>
    /// The IANA time zone their Teams client reports (clientInfo). UTC unless set, so a test's idea of night does
    /// not move with the seasons.
    /// </summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    /// <summary>
    /// A new user whose ids are fresh random values with the name in them for readability
    /// (e.g. <c>29:ada-lovelace-3f2a9c1b</c>, <c>ada-lovelace-3f2a9c1b@contoso.test</c>).
    /// Random, not derived from the name, so tests sharing one bot or one Azurite never meet each other's "Ada".
    /// </summary>
    public static TestUser Create(string name, string domain = "contoso.test")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var objectId = Guid.NewGuid().ToString();
        var handle = $"{Slug(name)}-{objectId[..8]}";
        return new TestUser(name, objectId, "29:" + handle, $"{handle}@{domain}");
    }

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.Length == 0 ? "user" : slug.ToString().TrimEnd('-');
    }
}
