using System.Text.Json.Nodes;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Hosting;
using MentorBot.Infrastructure.Graph;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace MentorBot.IntegrationTests.Pairs;

/// <summary>The bot's Graph calls for people, groups, app installation and created meetings, against the Graph stand-in.</summary>
public sealed class GraphPeopleAndMeetingsTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public GraphPeopleAndMeetingsTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_person_is_found_by_an_alias_or_another_mail_and_keeps_their_X500_address_for_meeting_matching()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada Alias");
        const string legacy = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ada";
        bot.Graph.AddUser(GraphUser.From(ada) with
        {
            ProxyAddresses = ["SMTP:" + ada.Email, "smtp:ada.sales@contoso.test", "X500:" + legacy],
            OtherMails = ["ada@personal.test"],
        });
        var people = bot.Host.Services.GetRequiredService<PeopleDirectory>();

        var byAlias = await people.FindAsync("Ada.Sales@contoso.test", default);
        var byOtherMail = await people.FindAsync("ada@personal.test", default);

        Assert.Equal(ada.AadObjectId, byAlias?.Id);
        Assert.Equal(ada.AadObjectId, byOtherMail?.Id);
        Assert.Contains(legacy, byAlias!.Addresses);
        Assert.Null(await people.FindAsync("nobody@contoso.test", default));
    }

    [Fact]
    public async Task More_than_twenty_coordinator_groups_are_checked_in_chunks_of_twenty()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var cora = TestUser.Create("Cora Coordinator");
        bot.Graph.AddUser(GraphUser.From(cora));
        var options = new CoordinatorOptions();
        var groups = Enumerable.Range(0, 25).Select(i => $"00000000-0000-0000-0000-{i:D12}").ToList();
        foreach (var group in groups)
        {
            options.GroupIds.Add(group);
        }

        bot.Graph.AddGroupMember(groups[23], cora.AadObjectId);
        var directory = new CoordinatorDirectory(options, bot.Host.Services.GetRequiredService<GraphServiceClient>(), bot.Clock);
        bot.Graph.Clear();

        Assert.Equal(CoordinatorCheck.Yes, await directory.CheckAsync(cora.AadObjectId, default));
        var calls = bot.Graph.Requests.Where(r => r.Path.EndsWith("/checkMemberGroups", StringComparison.Ordinal)).ToList();
        Assert.Equal([20, 5], calls.Select(c => ((JsonArray)c.Body!["groupIds"]!).Count));
        Assert.All(calls, c => Assert.Equal(200, c.StatusCode));
    }

    [Fact]
    public async Task Proactive_install_with_the_catalog_id_set_needs_no_catalog_lookup_and_without_it_a_refused_lookup_installs_nothing()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var ada = TestUser.Create("Ada");
        bot.Graph.AddUser(GraphUser.From(ada));
        var appId = Guid.NewGuid().ToString();
        var app = bot.Graph.AddTeamsApp(appId, teamsAppId: Guid.NewGuid().ToString());
        bot.Graph.DenyAppCatalog = true;
        var graph = bot.Host.Services.GetRequiredService<GraphServiceClient>();

        using var withoutId = new TeamsAppInstaller(graph, new BotSettings { AppId = appId }, NullLogger<TeamsAppInstaller>.Instance);
        Assert.False(await withoutId.InstallForUserAsync(ada.AadObjectId, default));
        Assert.Empty(bot.Graph.Installations);
        Assert.Contains(bot.Graph.Requests, r => r.Path.EndsWith("/appCatalogs/teamsApps", StringComparison.Ordinal) && r.StatusCode == 403);

        bot.Graph.Clear();
        using var withId = new TeamsAppInstaller(graph, new BotSettings { AppId = appId, TeamsAppCatalogId = app.Id }, NullLogger<TeamsAppInstaller>.Instance);
        Assert.True(await withId.InstallForUserAsync(ada.AadObjectId, default));
        Assert.Equal(app.Id, Assert.Single(bot.Graph.Installations).TeamsAppId);
        Assert.DoesNotContain(bot.Graph.Requests, r => r.Path.Contains("appCatalogs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_created_meeting_invites_mail_addresses_carries_a_transaction_id_and_never_offers_the_Outlook_web_link()
    {
        await using var bot = await BotScenario.StartAsync(_azurite);
        var joinUrl = (string?)"https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0";
        bot.Graph.Map("POST", "/users/[^/]+/events", context =>
        {
            var created = new JsonObject
            {
                ["id"] = "created-1",
                ["webLink"] = "https://outlook.office365.com/owa/?itemid=created-1",
                ["onlineMeeting"] = joinUrl is null ? null : new JsonObject { ["joinUrl"] = joinUrl },
            };
            return GraphStandIn.WriteJsonAsync(context, 201, created);
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TeamsMeetingScheduler.SettingKey] = "true" }).Build();
        var scheduler = new TeamsMeetingScheduler(bot.Host.Services.GetRequiredService<GraphServiceClient>(), configuration);
        // A guest: the UPN (#EXT#) receives no mail, the mail address does.
        var guest = new Person("guest-id", "Gus Guest", "gus@partner.test", "gus_partner.test#EXT#@contoso.onmicrosoft.com");
        var member = new Person("member-id", "Mia Member", "mia@contoso.test", "mia@contoso.test");

        var link = await scheduler.TryCreateAsync("organizer-id", "Midpoint", DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(1), [guest, member], "midpoint/pair-1/20270104", default);

        Assert.Equal(joinUrl, link?.ToString());
        var post = Assert.Single(bot.Graph.Requests, r => r.Method == "POST");
        Assert.Equal("midpoint/pair-1/20270104", (string?)post.Body!["transactionId"]);
        Assert.Equal(["gus@partner.test", "mia@contoso.test"], ((JsonArray)post.Body["attendees"]!).Select(a => (string?)a!["emailAddress"]!["address"]));

        joinUrl = null;
        Assert.Null(await scheduler.TryCreateAsync("organizer-id", "Midpoint", DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromHours(1), [member], "midpoint/pair-2/20270104", default));
    }
}
