namespace MentorBot.Trial;

/// <summary>
/// The people of the demo program. The same ids, names and addresses are the Agents Playground's mock users in
/// tools/trial/playground/.m365agentsplayground.yml: keep the two in step.
/// </summary>
internal static class DemoPeople
{
    public const string TenantId = "6d3f0c2a-3b1e-4f5a-9c7d-1e2f3a4b5c6d";

    /// <summary>The Playground's current user: a mentor, paired with <see cref="Mia"/>.</summary>
    public static readonly DemoPerson Alex = new("a1e7c0de-0000-4000-8000-000000000001", "user-id-0", "Alex Rivera", "alex", "Alex", "Rivera", "Mentor");

    public static readonly DemoPerson Casey = new("a1e7c0de-0000-4000-8000-000000000002", "user-id-1", "Casey Morgan", "casey", "Casey", "Morgan", "Program coordinator");

    public static readonly DemoPerson Mia = new("a1e7c0de-0000-4000-8000-000000000003", "user-id-2", "Mia Chen", "mia", "Mia", "Chen", "Mentee");

    public static readonly DemoPerson Jordan = new("a1e7c0de-0000-4000-8000-000000000004", "user-id-3", "Jordan Lee", "jordan", "Jordan", "Lee", "Mentor");

    public static readonly DemoPerson Sam = new("a1e7c0de-0000-4000-8000-000000000005", "user-id-4", "Sam Patel", "sam", "Sam", "Patel", "Mentee");

    public static readonly DemoPerson Priya = new("a1e7c0de-0000-4000-8000-000000000006", "user-id-5", "Priya Nair", "priya", "Priya", "Nair", "Mentee");

    public static readonly IReadOnlyList<DemoPerson> All = [Alex, Casey, Mia, Jordan, Sam, Priya];
}

internal sealed record DemoPerson(string Id, string TeamsId, string Name, string Alias, string GivenName, string Surname, string JobTitle)
{
    public string Upn => Alias + "@mentorbot-demo.example";
}
