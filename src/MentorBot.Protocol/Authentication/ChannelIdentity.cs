using System.Security.Claims;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Authentication;

/// <summary>
/// Who sent a request, once its token has been validated. The checks that need the activity
/// (the serviceurl claim and the key's channel endorsements) happen in <see cref="EnsureMatches"/>.
/// </summary>
public sealed class ChannelIdentity
{
    private ChannelIdentity(ClaimsIdentity? claims, IReadOnlyCollection<string>? endorsements, bool isAnonymous)
    {
        Claims = claims;
        Endorsements = endorsements;
        IsAnonymous = isAnonymous;
    }

    public ClaimsIdentity? Claims { get; }

    /// <summary>Channel ids the signing key is endorsed for; null for keys that carry none (Entra keys).</summary>
    public IReadOnlyCollection<string>? Endorsements { get; }

    /// <summary>True for local use without an app id: nothing was checked.</summary>
    public bool IsAnonymous { get; }

    public static ChannelIdentity Anonymous { get; } = new(null, null, isAnonymous: true);

    public static ChannelIdentity Authenticated(ClaimsIdentity claims, IReadOnlyCollection<string>? endorsements) =>
        new(claims, endorsements, isAnonymous: false);

    /// <summary>Binds the token to the activity it came with; throws when they do not belong together.</summary>
    public void EnsureMatches(Activity activity, string defaultChannelId)
    {
        if (IsAnonymous)
        {
            return;
        }

        // A1 requirement 7: the token names the service URL the bot will answer to.
        if (!string.IsNullOrEmpty(activity.ServiceUrl))
        {
            var claimed = Claims?.FindFirst("serviceurl")?.Value;
            if (string.IsNullOrEmpty(claimed))
            {
                throw new ChannelAuthenticationException("The token has no serviceurl claim.");
            }

            if (!string.Equals(claimed.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                throw new ChannelAuthenticationException("The token's serviceurl claim does not match the activity's serviceUrl.");
            }
        }

        // A1 endorsements: a Bot Framework key must be endorsed for the channel the activity claims to come from.
        if (Endorsements is not null)
        {
            var channelId = string.IsNullOrEmpty(activity.ChannelId) ? defaultChannelId : activity.ChannelId;
            if (!Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
            {
                throw new ChannelAuthenticationException($"The signing key is not endorsed for channel '{channelId}'.");
            }
        }
    }
}
