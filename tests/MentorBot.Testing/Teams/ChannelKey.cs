namespace MentorBot.Testing;

/// <summary>Which key <see cref="TeamsChannelStandIn.CreateToken"/> signs with; each exercises one validation rule.</summary>
public enum ChannelKey
{
    /// <summary>Published in the Bot Framework key set and endorsed for <c>msteams</c>: the happy path.</summary>
    Teams,

    /// <summary>Published, but endorsed only for <c>webchat</c>: a Teams activity signed with it must be refused.</summary>
    OtherChannel,

    /// <summary>Published with no <c>endorsements</c> at all: refused for channel traffic.</summary>
    NoEndorsements,

    /// <summary>Never published anywhere: a forged token.</summary>
    Unpublished,

    /// <summary>The key of the stand-in Entra tenant metadata (<c>/{tenantId}/v2.0/keys</c>).</summary>
    Entra,
}
