namespace MentorBot.Features.Reports.Downloads;

public enum DownloadVerdict
{
    /// <summary>The signed-in person is the coordinator the link was issued to, and it has not expired: serve the file.</summary>
    Allowed,

    /// <summary>No such link (never issued, mistyped, or already cleaned up): 404.</summary>
    Unknown,

    /// <summary>The link's time is over: 410, and the content is deleted.</summary>
    Expired,

    /// <summary>Someone else is signed in (another user or another tenant): 403, nothing about the file is revealed.</summary>
    NotOwner,
}

/// <summary>Who may fetch a download: the one rule behind <c>GET /downloads/{token}</c>, kept free of I/O so it is tested alone.</summary>
public static class DownloadDecision
{
    public static DownloadVerdict Decide(DownloadGrant? grant, string? signedInTenantId, string? signedInObjectId, DateTimeOffset now)
    {
        if (grant is null)
        {
            return DownloadVerdict.Unknown;
        }

        // Ownership first: someone else learns nothing about the link, not even whether it is still valid.
        var isOwner = !string.IsNullOrEmpty(signedInObjectId)
            && string.Equals(grant.OwnerId, signedInObjectId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(grant.TenantId, signedInTenantId, StringComparison.OrdinalIgnoreCase);
        if (!isOwner)
        {
            return DownloadVerdict.NotOwner;
        }

        return now >= grant.ExpiresAt ? DownloadVerdict.Expired : DownloadVerdict.Allowed;
    }
}
