using System.Security.Claims;
using MentorBot.Protocol.Schema;

namespace MentorBot.Protocol.Authentication;

/// <summary>
/// Who sent a request, once its token has been validated. The checks that need the activity
/// (the serviceurl claim and the key's channel endorsements) happen in <see cref="EnsureMatches"/>.
/// </summary>
public sealed class ChannelIdentity
{
    private ChannelIdentity(ClaimsIdentity? claims, IReadOnlyCollection<string>? endorsements, bool isAnonymous, bool isBotFramework)
    {
        Claims = claims;
        Endorsements = endorsements;
        IsAnonymous = isAnonymous;
        IsBotFramework = isBotFramework;
    }

    public ClaimsIdentity? Claims { get; }

    /// <summary>Channel ids the signing key is endorsed for; null for keys that carry none (Entra keys).</summary>
    public IReadOnlyCollection<string>? Endorsements { get; }

    /// <summary>True for local use without an app id: nothing was checked.</summary>
    public bool IsAnonymous { get; }

    /// <summary>True for a token from the Bot Framework issuer, which always names the service URL it was issued for.</summary>
    public bool IsBotFramework { get; }

    public static ChannelIdentity Anonymous { get; } = new(null, null, isAnonymous: true, isBotFramework: false);

    /// <summary>A Bot Framework token: its key's endorsements are checked, and its serviceurl claim is required.</summary>
    public static ChannelIdentity BotFramework(ClaimsIdentity claims, IReadOnlyCollection<string> endorsements) =>
        new(claims, endorsements, isAnonymous: false, isBotFramework: true);

    /// <summary>An Entra-issued token: its serviceurl claim is checked when it carries one.</summary>
    public static ChannelIdentity Entra(ClaimsIdentity claims) => new(claims, null, isAnonymous: false, isBotFramework: false);

    /// <summary>Binds the token to the activity it came with; throws when they do not belong together.</summary>
    public void EnsureMatches(Activity activity, string defaultChannelId)
    {
        // The bot answers to the activity's serviceUrl; an activity without one could make it answer nowhere or, with a
        // token that names none (Entra tokens carry no serviceurl claim), be accepted from anywhere (protocol.md A2).
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
        {
            throw new ChannelAuthenticationException("The activity has no serviceUrl.");
        }

        if (IsAnonymous)
        {
            return;
        }

        // A1 requirement 7: a Bot Framework token names the service URL the bot will answer to; an Entra token may.
        var claimed = Claims?.FindFirst("serviceurl")?.Value;
        if (string.IsNullOrEmpty(claimed))
        {
            if (IsBotFramework)
            {
                throw new ChannelAuthenticationException("The token has no serviceurl claim.");
            }
        }
        else if (!string.Equals(claimed.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new ChannelAuthenticationException("The token's serviceurl claim does not match the activity's serviceUrl.");
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
