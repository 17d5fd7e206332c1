using System.Security.Cryptography;
using System.Text;

namespace MentorBot.Protocol.Connector;

/// <summary>
/// The pauses of one tenant after 429s: the tenant's own, and those of its conversations, keyed by
/// <see cref="KeyOf"/> (a digest, so no marker store keeps the id of a person's chat).
/// </summary>
public sealed record TenantPauses(DateTimeOffset? Tenant, IReadOnlyDictionary<string, DateTimeOffset> Conversations)
{
    public static TenantPauses None { get; } = new(null, new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal));

    /// <summary>The key of a conversation's pause: 32 hex digits of its id's SHA-256.</summary>
    public static string KeyOf(string conversationId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId)), 0, 16);

    /// <summary>The known end of the pause that <paramref name="conversationKey"/> (none: the tenant's own) names.</summary>
    public DateTimeOffset? Of(string? conversationKey) =>
        conversationKey is null ? Tenant : Conversations.TryGetValue(conversationKey, out var until) ? until : null;

    /// <summary>These pauses with one more, keeping the later end of each.</summary>
    public TenantPauses With(string? conversationKey, DateTimeOffset until)
    {
        if (Of(conversationKey) is { } known && known >= until)
        {
            return this;
        }

        if (conversationKey is null)
        {
            return this with { Tenant = until };
        }

        var conversations = new Dictionary<string, DateTimeOffset>(Conversations, StringComparer.Ordinal) { [conversationKey] = until };
        return this with { Conversations = conversations };
    }

    /// <summary>Both sets of pauses, the later end of each.</summary>
    public TenantPauses Merge(TenantPauses other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = other.Tenant is { } tenant ? With(null, tenant) : this;
        foreach (var (key, until) in other.Conversations)
        {
            merged = merged.With(key, until);
        }

        return merged;
    }

    /// <summary>Only the pauses still running at <paramref name="now"/>.</summary>
    public TenantPauses RunningAt(DateTimeOffset now) => new(
        Tenant > now ? Tenant : null,
        Conversations.Where(c => c.Value > now).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
}
