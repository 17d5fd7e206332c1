using System.Net;

namespace MentorBot.Features.Registration;

/// <summary>
/// Fetches a file Teams handed the bot: an anonymous GET of the pre-authorised download URL (no bot token: the URL
/// is the authorisation). Over https only, except plain http to loopback in Development (local runs and tests);
/// at most <see cref="MaxBytes"/>.
/// Retries and timeouts come from the named HttpClient's resilience handler (see RegistrationServices).
/// </summary>
public sealed class FileDownloader
{
    public const int MaxBytes = 1024 * 1024;
    public const string HttpClientName = "TeamsFileDownload";

    private readonly IHttpClientFactory _http;
    private readonly bool _allowLoopbackHttp;

    public FileDownloader(IHttpClientFactory http, IHostEnvironment environment)
    {
        _http = http;
        _allowLoopbackHttp = environment.IsDevelopment();
    }

    public async Task<(byte[]? Content, string? Problem)> DownloadAsync(Uri? url, CancellationToken cancellationToken)
    {
        if (url is null || !IsTeamsFileHost(url))
        {
            return (null, "Teams did not give me a link I can download the file from. Please send it again.");
        }

        try
        {
            using var response = await _http.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
                    ? "The download link Teams gave me has expired or was refused. Please send the file again."
                    : $"I couldn't download the file (the server answered {(int)response.StatusCode}). Please try again in a minute.");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return (null, TooLarge);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, TooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException) && !cancellationToken.IsCancellationRequested)
        {
            return (null, "I couldn't download the file (the connection failed or timed out). Please try again in a minute.");
        }
    }

    /// <summary>
    /// Teams hands a bot files stored in OneDrive / SharePoint (protocol.md I: file.download.info's downloadUrl), so only those
    /// hosts are fetched, over https; redirects are not followed (see RegistrationServices), so no answer can send the
    /// request elsewhere. Loopback over http only in Development (the local trial and tests).
    /// </summary>
    private bool IsTeamsFileHost(Uri url)
    {
        if (url.IsLoopback)
        {
            return _allowLoopbackHttp && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        }

        return url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.IsNullOrEmpty(url.UserInfo)
            && FileHostSuffixes.Any(suffix => url.IdnHost.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    // SharePoint Online in the public cloud, US Government and 21Vianet clouds; OneDrive is "<tenant>-my.sharepoint.com".
    private static readonly string[] FileHostSuffixes = [".sharepoint.com", ".sharepoint.us", ".sharepoint.cn"];

    private static string TooLarge => $"The file is larger than {MaxBytes / 1024 / 1024} MB; a pairs file is far smaller. Check it is the right file, or split it.";
}
