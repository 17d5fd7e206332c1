namespace MentorBot.Testing;

/// <summary>Who the stand-in channel knows, and for whom the bot's app is not installed. Thread-safe.</summary>
internal sealed class ChannelDirectory
{
    private readonly Lock _gate = new();
    private readonly List<ChannelMember> _members = [];
    private readonly HashSet<string> _notInstalled = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _rosters = new(StringComparer.Ordinal);

    /// <summary>Who is in a group chat or channel (Teams ids); conversations without a roster are not known.</summary>
    public void SetRoster(string conversationId, IEnumerable<string> teamsIds)
    {
        lock (_gate)
        {
            _rosters[conversationId] = teamsIds.ToList();
        }
    }

    public IReadOnlyList<ChannelMember>? Roster(string conversationId)
    {
        lock (_gate)
        {
            return _rosters.TryGetValue(conversationId, out var ids)
                ? ids.Select(id => _members.Find(m => m.IsKnownAs(id))).OfType<ChannelMember>().ToList()
                : null;
        }
    }

    /// <summary>Adds or replaces (by Teams id) a member.</summary>
    public void Add(ChannelMember member)
    {
        lock (_gate)
        {
            _members.RemoveAll(m => string.Equals(m.Id, member.Id, StringComparison.OrdinalIgnoreCase));
            _members.Add(member);
        }
    }

    public bool Contains(string teamsId)
    {
        lock (_gate)
        {
            return _members.Exists(m => string.Equals(m.Id, teamsId, StringComparison.OrdinalIgnoreCase));
        }
    }

    public ChannelMember? Find(string id)
    {
        lock (_gate)
        {
            return _members.Find(m => m.IsKnownAs(id));
        }
    }

    public void SetInstalled(string userId, bool installed)
    {
        lock (_gate)
        {
            foreach (var alias in AliasesOf(userId))
            {
                if (installed)
                {
                    _notInstalled.Remove(alias);
                }
                else
                {
                    _notInstalled.Add(alias);
                }
            }
        }
    }

    public bool IsNotInstalled(string userId)
    {
        lock (_gate)
        {
            return AliasesOf(userId).Any(_notInstalled.Contains);
        }
    }

    /// <summary>The Teams id the channel would use for this user: the member's, or the id as given when unknown.</summary>
    public string CanonicalId(string userId) => Find(userId)?.Id ?? userId;

    // Caller holds the lock. A user can be named by Teams id, AAD id or UPN; all mean the same person.
    private string[] AliasesOf(string userId) =>
        _members.Find(m => m.IsKnownAs(userId)) is { } member
            ? [userId, member.Id, member.AadObjectId, member.UserPrincipalName]
            : [userId];
}
