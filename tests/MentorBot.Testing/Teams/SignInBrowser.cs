using System.Net;

namespace MentorBot.Testing;

/// <summary>
/// A browser for one person, enough to follow a sign-in: it follows redirects between the bot (an in-process test
/// client that keeps cookies and does not follow redirects itself) and the stand-in Entra, where it is signed in as
/// the person, and submits Entra's form_post page back to the bot as a browser's script would.
/// </summary>
public sealed class SignInBrowser
{
    private const int MaxHops = 10;

    private readonly HttpClient _bot;
    private readonly string _signedInAs;
    private readonly HttpClient _web;

    /// <param name="bot">Client of the bot host; must not follow redirects, and should keep cookies.</param>
    /// <param name="web">Client for everything else (the stand-in); must not follow redirects.</param>
    /// <param name="signedInAs">The person's object id or UPN at Entra; null for someone with no Entra session.</param>
    public SignInBrowser(HttpClient bot, HttpClient web, string? signedInAs)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(web);
        _bot = bot;
        _web = web;
        _signedInAs = signedInAs ?? string.Empty;
    }

    /// <summary>Every URL the browser visited, in order (the bot's and Entra's).</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>Opens the URL and follows redirects and form posts until a page that is neither.</summary>
    public async Task<HttpResponseMessage> OpenAsync(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var first = new HttpRequestMessage(HttpMethod.Get, url);
        var response = await SendAsync(first).ConfigureAwait(false);
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var current = response.RequestMessage?.RequestUri ?? url;
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb
                && response.Headers.Location is { } location)
            {
                response.Dispose();
                using var next = new HttpRequestMessage(HttpMethod.Get, location.IsAbsoluteUri ? location : new Uri(current, location));
                response = await SendAsync(next).ConfigureAwait(false);
                continue;
            }

            if (!IsBot(current) && response.IsSuccessStatusCode
                && FormPostPage.TryParse(await response.Content.ReadAsStringAsync().ConfigureAwait(false), out var action, out var fields))
            {
                response.Dispose();
                using var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
                response = await SendAsync(post).ConfigureAwait(false);
                continue;
            }

            return response;
        }

        throw new InvalidOperationException($"More than {MaxHops} redirects from {url}: {string.Join(" -> ", Visited)}");
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Visited.Add(request.RequestUri!);
        if (IsBot(request.RequestUri!))
        {
            return _bot.SendAsync(request);
        }

        request.Headers.Add(TeamsChannelStandIn.EntraSessionHeader, _signedInAs);
        return _web.SendAsync(request);
    }

    private bool IsBot(Uri url) => string.Equals(url.Host, _bot.BaseAddress?.Host, StringComparison.OrdinalIgnoreCase);
}
