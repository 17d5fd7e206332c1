using System.Text.Json.Nodes;
using MentorBot.Features.Pairs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.MentorCohorts;

public sealed class PeerMeetingTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public PeerMeetingTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_monthly_reminder_carries_a_meeting_created_through_graph_where_permitted_and_a_scheduling_link_otherwise(bool permitted)
    {
        await using var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string>
        {
            ["Coordinators:UserIds"] = _coordinator.AadObjectId,
            ["Graph:CreateMeetings"] = permitted ? "true" : "false",
        });
        var created = 0;
        bot.Graph.Map("POST", "/users/[^/]+/events", async context =>
        {
            Interlocked.Increment(ref created);
            await GraphStandIn.WriteJsonAsync(context, 201, new JsonObject
            {
                ["id"] = "peer-meeting",
                ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/peer-cohort-9" },
            });
        });
        bot.AddPeople(_mia, _max);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Graduate mentoring");
        await bot.Host.Services.GetRequiredService<CohortStore>().SaveAsync(
            new Cohort { TenantId = program.TenantId, ProgramId = program.ProgramId, CohortId = "spring-a", Name = "Spring A" }, default);
        await bot.RegisterPairAsync(program, _coordinator, _mia, _max, "spring-a", DateOnly.FromDateTime(bot.Clock.GetUtcNow().UtcDateTime));
        var peers = ConversationIds.NewChannel();
        using (await bot.SendAsync(bot.Activities.ChannelMessage(peers, peers, _coordinator, "cohort channel Spring A")))
        {
        }

        await bot.RunJobsAsync();
        await bot.RunJobsAsync(bot.StartAnotherInstance());

        var reminder = Assert.Single(bot.Channel.ActivitiesSentTo(peers), a => a.AllText.Contains("Mentor peer cohort", StringComparison.Ordinal));
        if (permitted)
        {
            Assert.Equal(1, created);
            Assert.Contains("https://teams.microsoft.com/l/meetup-join/peer-cohort-9", reminder.AllText, StringComparison.Ordinal);
            Assert.Contains($"/users/{_coordinator.AadObjectId}/events", string.Join(" ", bot.Graph.Requests.Select(r => r.Path)), StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(0, created);
            Assert.Contains("https://teams.microsoft.com/l/meeting/new", reminder.AllText, StringComparison.Ordinal);
            // The digest's channel never lists the mentors' addresses.
            Assert.DoesNotContain(Uri.EscapeDataString(_mia.Upn), reminder.AllText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(_mia.Upn, reminder.AllText, StringComparison.OrdinalIgnoreCase);
        }
    }
}
