using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Features.Reports.Downloads;

/// <summary>
/// <c>GET /downloads/{token}</c>: serves a download to the coordinator it was issued to. The host maps it behind an
/// Entra ID (OpenID Connect) sign-in, so the user here is authenticated; this decides whether it is the right one.
/// </summary>
public static class DownloadEndpoint
{
    public const string Route = "/downloads/{token}";

    /// <summary>Entra's object id and tenant id claims (long names as mapped by the JWT handler, short as issued).</summary>
    private static readonly string[] ObjectIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];
    private static readonly string[] TenantIdClaims = ["tid", "http://schemas.microsoft.com/identity/claims/tenantid"];

    public static async Task<IResult> HandleAsync(string token, ClaimsPrincipal user, DownloadStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        var grant = await store.FindAsync(token, cancellationToken).ConfigureAwait(false);
        switch (DownloadDecision.Decide(grant, Claim(user, TenantIdClaims), Claim(user, ObjectIdClaims), time.GetUtcNow()))
        {
            case DownloadVerdict.Allowed:
                return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(grant!.Content)).ToArray(), grant.ContentType, grant.FileName);
            case DownloadVerdict.Expired:
                await store.DeleteAsync(token, cancellationToken).ConfigureAwait(false);
                return Results.Problem("This download link has expired. Ask the bot for the report again.", statusCode: StatusCodes.Status410Gone);
            case DownloadVerdict.NotOwner:
                return Results.Problem("This download was made for someone else.", statusCode: StatusCodes.Status403Forbidden);
            default:
                return Results.Problem("There is no such download.", statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static string? Claim(ClaimsPrincipal user, IEnumerable<string> types) =>
        types.Select(t => user.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
