using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// Installs MentorBot for a user through Graph (TeamsAppInstallation.ReadWriteSelfForUser.All), so the bot can
/// message someone who never opened it. The app must be in the org catalog. Its catalog id is the setting
/// Graph:TeamsAppCatalogId when given; otherwise it is looked up by the manifest id (the bot's app id) once and
/// remembered, which needs AppCatalog.Read.All (graph-docs api/appcatalogs-list-teamsapps.md). When either is refused,
/// the person counts as unreachable and the caller tells coordinators who must open the app.
/// </summary>
public sealed partial class TeamsAppInstaller : IDisposable
{
    private readonly GraphServiceClient _graph;
    private readonly string? _manifestId;
    private readonly ILogger<TeamsAppInstaller> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _catalogId;

    public TeamsAppInstaller(GraphServiceClient graph, Hosting.BotSettings settings, ILogger<TeamsAppInstaller> logger)
    {
        _graph = graph;
        _manifestId = settings.AppId;
        _catalogId = settings.TeamsAppCatalogId;
        _logger = logger;
    }

    /// <summary>True when the app is (now) installed for the user; false when the tenant does not allow it or the app is not in the catalog.</summary>
    public async Task<bool> InstallForUserAsync(string userId, CancellationToken cancellationToken)
    {
        var catalogId = await CatalogIdAsync(cancellationToken).ConfigureAwait(false);
        if (catalogId is null)
        {
            return false;
        }

        try
        {
            await _graph.Users[userId].Teamwork.InstalledApps.PostAsync(new UserScopeTeamsAppInstallation
            {
                AdditionalData = new Dictionary<string, object>
                {
                    ["teamsApp@odata.bind"] = $"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{catalogId}",
                },
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 409)
        {
            return true;
        }
        catch (ODataError error) when (error.ResponseStatusCode is 403 or 404 or 400)
        {
            LogInstallRefused(error.ResponseStatusCode, error.Error?.Code);
            return false;
        }
    }

    private async Task<string?> CatalogIdAsync(CancellationToken cancellationToken)
    {
        if (_catalogId is not null || _manifestId is null)
        {
            return _catalogId;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_catalogId is null)
            {
                var apps = await _graph.AppCatalogs.TeamsApps.GetAsync(r => r.QueryParameters.Filter = $"externalId eq '{_manifestId}'", cancellationToken)
                    .ConfigureAwait(false);
                _catalogId = apps?.Value?.FirstOrDefault()?.Id;
            }

            return _catalogId;
        }
        catch (ODataError error) when (error.ResponseStatusCode is 403 or 404)
        {
            LogLookupRefused(error.ResponseStatusCode, error.Error?.Code);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Graph refused to look MentorBot up in the Teams app catalog ({Status} {Code}): grant AppCatalog.Read.All or set Graph:TeamsAppCatalogId; until then people who never opened the app are not reached")]
    private partial void LogLookupRefused(int status, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused to install MentorBot for a person ({Status} {Code}): check TeamsAppInstallation.ReadWriteSelfForUser.All and the tenant's app policies")]
    private partial void LogInstallRefused(int status, string? code);
}
