using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CheckMemberGroups;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Testing.Tests;

/// <summary>The real Graph SDK (Microsoft.Graph 6) against the stand-in: if these pass, the bot's Graph code can be tested on it.</summary>
public sealed class GraphStandInTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = SharedHttp.Client;
    private GraphStandIn _graph = null!;
    private GraphServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphStandIn.StartAsync();
        _client = new GraphServiceClient(_http, new AnonymousAuthenticationProvider(), _graph.BaseUrl);
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task The_SDK_reads_a_user_by_id_or_upn_and_gets_a_404_ODataError_for_strangers()
    {
        var ada = TestUser.Create("Ada Lovelace");
        _graph.AddUser(GraphUser.From(ada));

        var byId = await _client.Users[ada.AadObjectId].GetAsync();
        var byUpn = await _client.Users[ada.Upn].GetAsync(r => r.QueryParameters.Select = ["id", "displayName"]);
        var missing = await Assert.ThrowsAsync<ODataError>(() => _client.Users[Guid.NewGuid().ToString()].GetAsync());

        Assert.Equal(ada.AadObjectId, byId!.Id);
        Assert.Equal("Ada Lovelace", byId.DisplayName);
        Assert.Equal(ada.Email, byId.Mail);
        Assert.Equal(ada.Upn, byId.UserPrincipalName);
        Assert.Equal(ada.AadObjectId, byUpn!.Id);
        Assert.Null(byUpn.Mail); // not selected
        Assert.Equal(404, missing.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", missing.Error!.Code);
        Assert.Equal($"/v1.0/users/{ada.Upn}", _graph.Requests[1].Path);
        Assert.Equal("id,displayName", _graph.Requests[1].QueryParameters["$select"]);
    }

    [Fact]
    public async Task The_SDK_finds_users_by_mail_or_upn_filter()
    {
        var ada = TestUser.Create("Ada");
        var grace = TestUser.Create("Grace");
        _graph.AddUser(GraphUser.From(ada));
        _graph.AddUser(GraphUser.From(grace) with { OtherMails = ["grace@personal.test"] });

        var found = await _client.Users.GetAsync(r =>
            r.QueryParameters.Filter = $"mail eq '{ada.Email.ToUpperInvariant()}' or userPrincipalName eq '{grace.Upn}'");
        var byOtherMail = await _client.Users.GetAsync(r => r.QueryParameters.Filter = "otherMails/any(m:m eq 'grace@personal.test')");
        var nobody = await _client.Users.GetAsync(r => r.QueryParameters.Filter = "mail eq 'o''brien@contoso.test'");

        Assert.Equal([ada.AadObjectId, grace.AadObjectId], found!.Value!.Select(u => u.Id));
        Assert.Equal(grace.AadObjectId, Assert.Single(byOtherMail!.Value!).Id);
        Assert.Empty(nobody!.Value!);
    }

    [Fact]
    public async Task The_SDK_checks_group_membership_including_nested_groups()
    {
        var ada = TestUser.Create("Ada");
        _graph.AddUser(GraphUser.From(ada));
        _graph.AddGroupMember("coordinators", ada.AadObjectId);
        _graph.AddGroupMember("all-staff", "coordinators");

        var result = await _client.Users[ada.AadObjectId].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(
            new CheckMemberGroupsPostRequestBody { GroupIds = ["coordinators", "all-staff", "admins"] });

        Assert.Equal(["coordinators", "all-staff"], result!.Value);
        Assert.Equal(["coordinators", "all-staff", "admins"], _graph.Requests.Single().Body!["groupIds"]!.AsArray().Select(g => g!.GetValue<string>()));
    }

    [Fact]
    public async Task The_SDK_installs_the_app_once_finds_it_and_is_refused_without_consent()
    {
        var ada = TestUser.Create("Ada");
        var grace = TestUser.Create("Grace");
        _graph.AddUser(GraphUser.From(ada));
        _graph.AddUser(GraphUser.From(grace));
        var app = _graph.AddTeamsApp("manifest-id-1");
        var installedFor = new List<string>();
        _graph.Installed = i => installedFor.Add(i.UserId);

        var catalog = await _client.AppCatalogs.TeamsApps.GetAsync(r => r.QueryParameters.Filter = "externalId eq 'manifest-id-1'");
        var teamsAppId = Assert.Single(catalog!.Value!).Id!;
        await _client.Users[ada.AadObjectId].Teamwork.InstalledApps.PostAsync(Install(teamsAppId));
        var again = await Assert.ThrowsAsync<ODataError>(() => _client.Users[ada.AadObjectId].Teamwork.InstalledApps.PostAsync(Install(teamsAppId)));
        var installed = await _client.Users[ada.AadObjectId].Teamwork.InstalledApps.GetAsync(r =>
        {
            r.QueryParameters.Expand = ["teamsApp"];
            r.QueryParameters.Filter = $"teamsApp/id eq '{teamsAppId}'";
        });
        _graph.DenyInstall = true;
        var denied = await Assert.ThrowsAsync<ODataError>(() => _client.Users[grace.AadObjectId].Teamwork.InstalledApps.PostAsync(Install(teamsAppId)));
        var notInstalled = await _client.Users[grace.AadObjectId].Teamwork.InstalledApps.GetAsync();

        Assert.Equal(app.Id, teamsAppId);
        Assert.Equal(409, again.ResponseStatusCode);
        Assert.Equal("manifest-id-1", Assert.Single(installed!.Value!).TeamsApp!.ExternalId);
        Assert.Equal(403, denied.ResponseStatusCode);
        Assert.Equal("Forbidden", denied.Error!.Code);
        Assert.Empty(notInstalled!.Value!);
        Assert.Equal([ada.AadObjectId], installedFor);
        Assert.Equal(ada.AadObjectId, Assert.Single(_graph.Installations).UserId);
    }

    [Fact]
    public async Task Mapped_endpoints_serve_pages_the_SDK_follows_through_absolute_next_links()
    {
        var ada = TestUser.Create("Ada");
        _graph.Map("GET", "/users/[^/]+/calendarView", context =>
        {
            var page = context.Request.Query["page"].ToString();
            var body = page == "2"
                ? new JsonObject { ["value"] = new JsonArray(Event("e2")) }
                : new JsonObject
                {
                    ["value"] = new JsonArray(Event("e1")),
                    ["@odata.nextLink"] = $"{_graph.BaseUrl}/users/{ada.AadObjectId}/calendarView?page=2",
                };
            return GraphStandIn.WriteJsonAsync(context, 200, body);
        });

        var first = await _client.Users[ada.AadObjectId].CalendarView.GetAsync(r =>
        {
            r.QueryParameters.StartDateTime = "2030-01-01T00:00:00Z";
            r.QueryParameters.EndDateTime = "2030-01-08T00:00:00Z";
        });
        var ids = new List<string>();
        var pages = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(_client, first!, e =>
        {
            ids.Add(e.Id!);
            return true;
        });
        await pages.IterateAsync();

        Assert.Equal(["e1", "e2"], ids);
        Assert.Equal(2, _graph.Requests.Count);
        Assert.Equal("2030-01-01T00:00:00Z", _graph.Requests[0].QueryParameters["startDateTime"]);
    }

    [Fact]
    public async Task FailNext_429_is_retried_by_the_SDKs_default_handlers_after_Retry_After()
    {
        var ada = TestUser.Create("Ada");
        _graph.AddUser(GraphUser.From(ada));
        using var retrying = new GraphServiceClient(GraphClientFactory.Create(), new AnonymousAuthenticationProvider(), _graph.BaseUrl);
        _graph.FailNext(1, 429, TimeSpan.FromSeconds(1));

        var user = await retrying.Users[ada.AadObjectId].GetAsync();

        Assert.Equal(ada.AadObjectId, user!.Id);
        Assert.Equal([429, 200], _graph.Requests.Select(r => r.StatusCode));
        Assert.True(_graph.Requests[0].InjectedFault);
        Assert.True(_graph.Requests[1].Headers.ContainsKey("Retry-Attempt"));
    }

    private static UserScopeTeamsAppInstallation Install(string teamsAppId) => new()
    {
        AdditionalData = new Dictionary<string, object>
        {
            ["teamsApp@odata.bind"] = $"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{teamsAppId}",
        },
    };

    private static JsonObject Event(string id) => new()
    {
        ["id"] = id,
        ["subject"] = "Mentoring",
        ["start"] = new JsonObject { ["dateTime"] = "2030-01-02T10:00:00.0000000", ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = "2030-01-02T10:30:00.0000000", ["timeZone"] = "UTC" },
    };
}
