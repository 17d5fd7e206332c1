using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MentorBot.Testing;

/// <summary>
/// The Graph endpoints the stand-in serves out of the box: users, lookups by mail/UPN,
/// checkMemberGroups, and Teams app catalog and installation (protocol.md F6, G5).
/// </summary>
internal sealed class GraphApi(GraphDirectory directory, Func<string> baseUrl, Func<bool> denyInstall, Func<bool> denyAppCatalog, Action<TeamsAppInstallation> installed)
{
    /// <param name="segments">Unescaped segments after <c>v1.0</c>.</param>
    public Task HandleAsync(HttpContext context, string[] segments, JsonNode? body)
    {
        var method = context.Request.Method.ToUpperInvariant();
        return (method, segments) switch
        {
            ("GET", ["users"]) => ListUsersAsync(context),
            ("GET", ["users", var key]) => GetUserAsync(context, key),
            ("POST", ["users", var key, "checkMemberGroups"]) => CheckMemberGroupsAsync(context, key, body),
            ("POST", ["users", var key, "teamwork", "installedApps"]) => InstallAsync(context, key, body),
            ("GET", ["users", var key, "teamwork", "installedApps"]) => ListInstallationsAsync(context, key),
            ("GET", ["users", var key, "teamwork", "installedApps", var id, "chat"]) => InstallationChatAsync(context, key, id),
            ("GET", ["appCatalogs", "teamsApps"]) => ListCatalogAsync(context),
            _ => GraphErrors.WriteAsync(context, 400, "BadRequest",
                $"The Graph stand-in does not serve {method} /v1.0/{string.Join('/', segments)}; add it with GraphStandIn.Map."),
        };
    }

    private async Task ListUsersAsync(HttpContext context)
    {
        if (!TryFilter(context, out var filter))
        {
            await GraphErrors.WriteAsync(context, 400, "Request_UnsupportedQuery", $"Unsupported filter: {context.Request.Query["$filter"]}").ConfigureAwait(false);
            return;
        }

        var users = directory.Users().Select(u => u.ToJson()).Where(u => filter?.Matches(u) ?? true).Select(u => Select(context, u));
        await WriteCollectionAsync(context, "users", users).ConfigureAwait(false);
    }

    private Task GetUserAsync(HttpContext context, string key)
    {
        if (directory.FindUser(key) is not { } user)
        {
            return GraphErrors.NotFoundAsync(context, key);
        }

        var json = Select(context, user.ToJson());
        json.Insert(0, "@odata.context", $"{baseUrl()}/$metadata#users/$entity");
        return JsonHttp.WriteAsync(context.Response, 200, json);
    }

    private Task CheckMemberGroupsAsync(HttpContext context, string key, JsonNode? body)
    {
        if (directory.FindUser(key) is not { } user)
        {
            return GraphErrors.NotFoundAsync(context, key);
        }

        if (body?["groupIds"] is not JsonArray requested)
        {
            return GraphErrors.WriteAsync(context, 400, "Request_BadRequest", "groupIds is required.");
        }

        // "You can check up to a maximum of 20 groups per request" (graph-docs api/directoryobject-checkmembergroups.md).
        if (requested.Count > 20)
        {
            return GraphErrors.WriteAsync(context, 400, "Request_BadRequest", "Too many groupIds: at most 20 can be checked per request.");
        }

        var groups = directory.GroupsOf(user);
        var found = requested.Select(JsonText.StringOrNull).OfType<string>().Where(groups.Contains);
        return JsonHttp.WriteAsync(context.Response, 200, new JsonObject
        {
            ["@odata.context"] = $"{baseUrl()}/$metadata#Collection(Edm.String)",
            ["value"] = new JsonArray(found.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        });
    }

    private Task InstallAsync(HttpContext context, string key, JsonNode? body)
    {
        if (directory.FindUser(key) is not { } user)
        {
            return GraphErrors.NotFoundAsync(context, key);
        }

        var bind = JsonText.StringOrNull(body?["teamsApp@odata.bind"]);
        var marker = bind?.LastIndexOf("/teamsApps/", StringComparison.OrdinalIgnoreCase) ?? -1;
        if (bind is null || marker < 0)
        {
            return GraphErrors.WriteAsync(context, 400, "BadRequest", "Expected \"teamsApp@odata.bind\": \".../appCatalogs/teamsApps/{id}\".");
        }

        if (denyInstall())
        {
            return GraphErrors.WriteAsync(context, 403, "Forbidden", "Missing role permissions on the request.");
        }

        var teamsAppId = Uri.UnescapeDataString(bind[(marker + "/teamsApps/".Length)..].Trim('\'', '(', ')'));
        if (directory.TryInstall(user.Id, teamsAppId) is not { } installation)
        {
            return GraphErrors.WriteAsync(context, 409, "Conflict", "App is already installed for this user.");
        }

        installed(installation);
        // Graph answers 201 Created with no body.
        return JsonHttp.WriteAsync(context.Response, 201, null);
    }

    private async Task ListInstallationsAsync(HttpContext context, string key)
    {
        if (directory.FindUser(key) is not { } user)
        {
            await GraphErrors.NotFoundAsync(context, key).ConfigureAwait(false);
            return;
        }

        if (!TryFilter(context, out var filter))
        {
            await GraphErrors.WriteAsync(context, 400, "BadRequest", $"Unsupported filter: {context.Request.Query["$filter"]}").ConfigureAwait(false);
            return;
        }

        var catalog = directory.CatalogApps();
        var items = directory.Installations()
            .Where(i => string.Equals(i.UserId, user.Id, StringComparison.OrdinalIgnoreCase))
            .Select(i => new JsonObject
            {
                ["id"] = i.Id,
                // Always expanded: harmless when not asked for, and what the bot's $expand=teamsApp expects.
                ["teamsApp"] = CatalogJson(catalog.FirstOrDefault(a => a.Id == i.TeamsAppId) ?? new TeamsCatalogApp(i.TeamsAppId, i.TeamsAppId, "")),
            })
            .Where(i => filter?.Matches(i) ?? true);
        await WriteCollectionAsync(context, $"users('{user.Id}')/teamwork/installedApps", items).ConfigureAwait(false);
    }

    private Task InstallationChatAsync(HttpContext context, string key, string installationId)
    {
        var user = directory.FindUser(key);
        var installation = directory.Installations().FirstOrDefault(i => i.Id == installationId && user is not null && i.UserId == user.Id);
        return installation is null
            ? GraphErrors.NotFoundAsync(context, installationId)
            : JsonHttp.WriteAsync(context.Response, 200, new JsonObject
            {
                ["id"] = $"19:{installation.UserId}_{installation.TeamsAppId}@unq.gbl.spaces",
                ["chatType"] = "oneOnOne",
            });
    }

    private async Task ListCatalogAsync(HttpContext context)
    {
        // Listing the catalog needs AppCatalog.Read.All (graph-docs api/appcatalogs-list-teamsapps.md, Permissions);
        // TeamsAppInstallation.ReadWriteSelfForUser.All alone does not grant it.
        if (denyAppCatalog())
        {
            await GraphErrors.WriteAsync(context, 403, "Forbidden", "Missing role permissions on the request. API requires one of 'AppCatalog.Read.All, AppCatalog.ReadWrite.All'.").ConfigureAwait(false);
            return;
        }

        if (!TryFilter(context, out var filter))
        {
            await GraphErrors.WriteAsync(context, 400, "BadRequest", $"Unsupported filter: {context.Request.Query["$filter"]}").ConfigureAwait(false);
            return;
        }

        var apps = directory.CatalogApps().Select(CatalogJson).Where(a => filter?.Matches(a) ?? true);
        await WriteCollectionAsync(context, "appCatalogs/teamsApps", apps).ConfigureAwait(false);
    }

    private static JsonObject CatalogJson(TeamsCatalogApp app) => new()
    {
        ["id"] = app.Id,
        ["externalId"] = app.ExternalId,
        ["displayName"] = app.DisplayName,
        ["distributionMethod"] = "organization",
    };

    private static bool TryFilter(HttpContext context, out ODataFilter? filter)
    {
        filter = null;
        var text = context.Request.Query["$filter"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        try
        {
            filter = ODataFilter.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Applies <c>$select</c> like Graph: only the named properties (and id) come back.</summary>
    private static JsonObject Select(HttpContext context, JsonObject entity)
    {
        var select = context.Request.Query["$select"].ToString();
        if (string.IsNullOrWhiteSpace(select))
        {
            // The user resource's docs mark department "returned only on $select" (learn.microsoft.com/graph/api/resources/user).
            entity.Remove("department");
            return entity;
        }

        var wanted = select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Append("id").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in entity.Select(p => p.Key).Where(n => !wanted.Contains(n)).ToList())
        {
            entity.Remove(name);
        }

        return entity;
    }

    private Task WriteCollectionAsync(HttpContext context, string entitySet, IEnumerable<JsonObject> items) =>
        JsonHttp.WriteAsync(context.Response, 200, new JsonObject
        {
            ["@odata.context"] = $"{baseUrl()}/$metadata#{entitySet}",
            ["value"] = new JsonArray(items.Cast<JsonNode?>().ToArray()),
        });
}
