using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing;

/// <summary>
/// The stand-in for Entra's sign-in page (<c>/{tenant}/oauth2/v2.0/authorize</c>) in the ID-token flow with
/// <c>response_mode=form_post</c>: it checks the app and redirect URI as an app registration would, and answers
/// with the auto-submitting form Entra returns, carrying a signed ID token for the signed-in person.
/// </summary>
/// <remarks>
/// Who is signed in stands for the person's Entra browser session: the test's browser sends their object id or
/// UPN in <see cref="TeamsChannelStandIn.EntraSessionHeader"/>. Without it the page answers 401, as a login prompt a test cannot fill in.
/// </remarks>
internal sealed class EntraSignInEndpoint(ChannelDirectory directory, ChannelTokenSigner signer)
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _redirectUris = new(StringComparer.OrdinalIgnoreCase);
    private int _signIns;

    /// <summary>How many ID tokens were issued (each one is a completed sign-in).</summary>
    public int SignIns => Volatile.Read(ref _signIns);

    public void Register(string clientId, Uri redirectUri) =>
        _redirectUris.AddOrUpdate(clientId, _ => [redirectUri.AbsoluteUri], (_, uris) =>
        {
            lock (uris)
            {
                uris.Add(redirectUri.AbsoluteUri);
            }

            return uris;
        });

    public Task HandleAsync(HttpContext context, string tenant)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (!_redirectUris.TryGetValue(clientId, out var registered))
        {
            return ErrorPageAsync(context, 400, $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'.");
        }

        bool knownRedirect;
        lock (registered)
        {
            knownRedirect = registered.Contains(redirectUri);
        }

        if (!knownRedirect)
        {
            return ErrorPageAsync(context, 400, $"AADSTS50011: The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'.");
        }

        if (query["response_type"] != "id_token" || query["response_mode"] != "form_post")
        {
            return ErrorPageAsync(context, 400, "The stand-in signs in only with response_type=id_token and response_mode=form_post.");
        }

        if (!query["scope"].ToString().Split(' ').Contains("openid", StringComparer.Ordinal) || string.IsNullOrEmpty(query["nonce"]))
        {
            return ErrorPageAsync(context, 400, "AADSTS900144: An ID token request needs the openid scope and a nonce.");
        }

        var session = context.Request.Headers[TeamsChannelStandIn.EntraSessionHeader].ToString();
        if (string.IsNullOrEmpty(session) || directory.Find(session) is not { } member)
        {
            return ErrorPageAsync(context, 401, "Sign in to your account (the stand-in has no signed-in person for this browser).");
        }

        if (!string.Equals(member.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorPageAsync(context, 400, $"AADSTS50020: User account '{member.UserPrincipalName}' from another tenant does not exist in tenant '{tenant}'.");
        }

        Interlocked.Increment(ref _signIns);
        var idToken = signer.Sign(new ChannelTokenOptions
        {
            Key = ChannelKey.Entra,
            TenantId = tenant,
            Audience = clientId,
            ServiceUrl = null,
            // Entra's clock is the real one. Tests move the bot's clock forward by minutes, well within the hour.
            IssuedAt = TimeProvider.System.GetUtcNow(),
            Claims = new Dictionary<string, object>
            {
                ["oid"] = member.AadObjectId,
                ["sub"] = PairwiseSubject(member.AadObjectId, clientId),
                ["name"] = member.Name,
                ["preferred_username"] = member.UserPrincipalName,
                ["nonce"] = query["nonce"].ToString(),
                ["ver"] = "2.0",
            },
        });
        return FormPostAsync(context, redirectUri, new Dictionary<string, string>
        {
            ["id_token"] = idToken,
            ["state"] = query["state"].ToString(),
        });
    }

    /// <summary>Entra's <c>sub</c> differs per app for the same person; a hash of both behaves the same way.</summary>
    private static string PairwiseSubject(string objectId, string clientId) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(objectId + "|" + clientId)));

    private static Task FormPostAsync(HttpContext context, string action, IReadOnlyDictionary<string, string> fields)
    {
        var page = new StringBuilder()
            .Append("<html><head><title>Working...</title></head><body onload=\"document.forms[0].submit()\">")
            .Append("<form method=\"POST\" name=\"hiddenform\" action=\"").Append(WebUtility.HtmlEncode(action)).Append("\">");
        foreach (var (name, value) in fields)
        {
            page.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                .Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\" />");
        }

        page.Append("</form></body></html>");
        return HtmlAsync(context, 200, page.ToString());
    }

    private static Task ErrorPageAsync(HttpContext context, int status, string message) =>
        HtmlAsync(context, status, $"<html><body><h1>Sorry, but we're having trouble signing you in.</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>");

    private static async Task HtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html).ConfigureAwait(false);
    }
}
