using System.Text;

namespace MentorBot.Testing;

/// <summary>The stand-in tenant's users, group memberships, app catalog and app installations. Thread-safe.</summary>
internal sealed class GraphDirectory
{
    private readonly Lock _gate = new();
    private readonly List<GraphUser> _users = [];
    private readonly List<(string GroupId, string MemberId)> _memberships = [];
    private readonly List<TeamsCatalogApp> _catalog = [];
    private readonly List<TeamsAppInstallation> _installations = [];

    /// <summary>Adds or replaces (by id) a user.</summary>
    public void AddUser(GraphUser user)
    {
        lock (_gate)
        {
            _users.RemoveAll(u => string.Equals(u.Id, user.Id, StringComparison.OrdinalIgnoreCase));
            _users.Add(user);
        }
    }

    public GraphUser? FindUser(string key)
    {
        lock (_gate)
        {
            return _users.Find(u => u.IsKnownAs(key));
        }
    }

    public IReadOnlyList<GraphUser> Users()
    {
        lock (_gate)
        {
            return _users.ToArray();
        }
    }

    public void AddGroupMember(string groupId, string memberId)
    {
        lock (_gate)
        {
            _memberships.Add((groupId, memberId));
        }
    }

    /// <summary>
    /// Every group the user belongs to, directly or through nested groups (checkMemberGroups is transitive).
    /// A membership may name the user by id, UPN or mail.
    /// </summary>
    public HashSet<string> GroupsOf(GraphUser user)
    {
        lock (_gate)
        {
            var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { user.Id, user.UserPrincipalName };
            if (user.Mail is not null)
            {
                reached.Add(user.Mail);
            }

            var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            bool grew;
            do
            {
                grew = false;
                foreach (var (groupId, memberId) in _memberships)
                {
                    if (reached.Contains(memberId) && reached.Add(groupId))
                    {
                        groups.Add(groupId);
                        grew = true;
                    }
                }
            }
            while (grew);

            return groups;
        }
    }

    public TeamsCatalogApp AddCatalogApp(string externalId, string displayName, string? teamsAppId)
    {
        var app = new TeamsCatalogApp(teamsAppId ?? Guid.NewGuid().ToString(), externalId, displayName);
        lock (_gate)
        {
            _catalog.Add(app);
        }

        return app;
    }

    public IReadOnlyList<TeamsCatalogApp> CatalogApps()
    {
        lock (_gate)
        {
            return _catalog.ToArray();
        }
    }

    /// <summary>Installs, or returns null when the app is already installed for the user.</summary>
    public TeamsAppInstallation? TryInstall(string userId, string teamsAppId)
    {
        lock (_gate)
        {
            if (_installations.Exists(i => Same(i.UserId, userId) && Same(i.TeamsAppId, teamsAppId)))
            {
                return null;
            }

            // Graph's installation ids are base64 of "{userId}##{appId}"; keeping that shape tests URL escaping.
            var id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userId}##{teamsAppId}"));
            var installation = new TeamsAppInstallation(id, userId, teamsAppId);
            _installations.Add(installation);
            return installation;
        }
    }

    public IReadOnlyList<TeamsAppInstallation> Installations()
    {
        lock (_gate)
        {
            return _installations.ToArray();
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
