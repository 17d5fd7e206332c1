using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Storage;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Pairs;

/// <summary>What a failed or impossible delivery means: a refused token, a person who removed the app, and nudges in the activity feed.</summary>
public sealed class DeliveryStateTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public DeliveryStateTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private async Task<(BotScenario Bot, MentorshipProgram Program, string Channel)> StartWithPairAsync()
    {
        var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max);
        var (channel, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        await bot.RegisterPairAsync(program, _coordinator, _mia, _max);
        return (bot, program, channel);
    }

    [Fact]
    public async Task Proactive_introductions_set_the_activity_feed_flag_and_a_reply_to_help_does_not()
    {
        var (bot, _, _) = await StartWithPairAsync();
        await using var _ = bot;

        await bot.RunJobsAsync();
        var proactive = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId));
        using (await bot.SendAsync(bot.Activities.PersonalMessage(_mia, "help")))
        {
        }

        Assert.Contains(proactive, c => c.AllText.Contains("Your mentee: Max Mentee", StringComparison.Ordinal));
        Assert.All(proactive, c => Assert.True(c.Activity!["channelData"]?["notification"]?["alert"]?.GetValue<bool>()));
        var replies = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)).Skip(proactive.Count).ToList();
        Assert.NotEmpty(replies);
        Assert.All(replies, c => Assert.Null(c.Activity!["channelData"]?["notification"]));
    }

    [Fact]
    public async Task A_refused_token_keeps_the_message_for_a_retry_and_never_reads_as_waiting_for_install()
    {
        var (bot, _, channel) = await StartWithPairAsync();
        await using var _ = bot;

        bot.Channel.FailNext(1, 401);
        await bot.RunJobsAsync();

        Assert.DoesNotContain(bot.Channel.Calls, c => c.ConversationId == channel && c.AllText.Contains("can't reach", StringComparison.Ordinal));
        var pending = (await bot.EntitiesAsync("Outbox")).Where(e => e.RowKey.Contains("introduction", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pending);
        Assert.All(pending.Where(e => e.PartitionKey.Contains(_mia.AadObjectId, StringComparison.Ordinal)), e => Assert.Equal(Outbox.Pending, e.GetString("Status")));

        bot.Clock.Advance(TimeSpan.FromMinutes(2)); // the job's first retry
        await bot.RunJobsAsync();

        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)), c => c.AllText.Contains("Your mentee: Max Mentee", StringComparison.Ordinal));
        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)), c => c.AllText.Contains("Your mentor: Mia Mentor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throttled_introduction_runs_again_when_the_channel_said_without_counting_an_attempt_and_arrives_once()
    {
        var (bot, _, _) = await StartWithPairAsync();
        await using var _ = bot;
        var retryAfter = TimeSpan.FromSeconds(6);
        bot.Channel.FailNextSendsIn(ConversationIds.Personal(_mia.TeamsId), 1, 429, retryAfter);

        await bot.RunJobsAsync();
        // The 429 came before this, so the channel's pause is over by then.
        var pauseOver = DateTimeOffset.UtcNow + retryAfter;

        Assert.Single(bot.Channel.Calls, c => c.StatusCode == 429);
        // The chat's pause is kept in the pair's tenant: the introduction was paced in that tenant's one budget, with the
        // turn replies to its people, not in a budget of its own.
        var pause = Assert.Single(await bot.EntitiesAsync(TableNames.PacingMarkers));
        Assert.Equal(TableKey.Escape(BotScenario.TenantId), pause.PartitionKey);
        var start = Assert.Single(await PendingStartJobsAsync(bot));
        Assert.Equal(0, start.GetInt32("Attempts"));
        Assert.InRange(start.GetDateTimeOffset("DueAt")!.Value, bot.Clock.GetUtcNow() + TimeSpan.FromSeconds(3), bot.Clock.GetUtcNow() + retryAfter);
        var introduction = Assert.Single(await bot.EntitiesAsync("Outbox"),
            e => e.PartitionKey.Contains(_mia.AadObjectId, StringComparison.Ordinal) && e.RowKey.Contains("introduction", StringComparison.Ordinal));
        Assert.Equal(Outbox.Pending, introduction.GetString("Status"));

        // Due again by the clock, but the chat's pause is not over: the send is held without calling Teams and the job put
        // back for the pause's end, again without counting an attempt. (One chat's 429 pauses only that chat, so the
        // tenant's other jobs are still claimed.)
        bot.Clock.Advance(retryAfter);
        var callsBefore = bot.Channel.Calls.Count;
        await bot.RunJobsAsync();
        Assert.Equal(0, Assert.Single(await PendingStartJobsAsync(bot)).GetInt32("Attempts"));
        Assert.Equal(callsBefore, bot.Channel.Calls.Count);

        var pauseLeft = pauseOver - DateTimeOffset.UtcNow;
        if (pauseLeft > TimeSpan.Zero)
        {
            await Task.Delay(pauseLeft);
        }

        // The job's clock passes the time it was put back for as well.
        bot.Clock.Advance(retryAfter);
        await bot.RunJobsAsync();

        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)), c => c.AllText.Contains("Your mentee: Max Mentee", StringComparison.Ordinal));
        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)), c => c.AllText.Contains("Your mentor: Mia Mentor", StringComparison.Ordinal));
        Assert.Empty(await PendingStartJobsAsync(bot));
        var done = Assert.Single(await bot.EntitiesAsync("Jobs"), e => e.PartitionKey == "done" && e.GetString("Kind") == PairRegistration.StartJobKind);
        Assert.Equal(0, done.GetInt32("Attempts"));
    }

    private static async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> PendingStartJobsAsync(BotScenario bot) =>
        (await bot.EntitiesAsync("Jobs")).Where(e => e.PartitionKey == "pending" && e.GetString("Kind") == PairRegistration.StartJobKind).ToList();

    [Fact]
    public async Task A_person_who_removes_the_app_is_marked_unreachable_their_coordinators_are_told_once_and_nothing_is_sent_in_vain()
    {
        var (bot, _, channel) = await StartWithPairAsync();
        await using var _ = bot;
        await bot.RunJobsAsync();
        var maxChat = bot.Activities.PersonalMessage(_max, "hello");

        bot.Channel.MarkNotInstalled(_max.TeamsId);
        bot.Channel.MarkNotInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.InstallationUpdate(maxChat, _max, "remove")))
        using (await bot.SendAsync(bot.Activities.InstallationUpdate(maxChat, _max, "remove")))
        {
        }

        var notices = bot.Channel.Calls.Where(c => c.Succeeded && c.ConversationId == channel && c.AllText.Contains("Max Mentee removed MentorBot", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
        Assert.DoesNotContain(ConversationIds.Personal(_mia.TeamsId), notices[0].AllText, StringComparison.Ordinal);

        var callsToMax = bot.Channel.Calls.Count(c => c.ConversationId == ConversationIds.Personal(_max.TeamsId));
        var messenger = bot.Host.Services.GetRequiredService<ProactiveMessenger>();
        var delivery = await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/after-removal", Activity.CreateMessage("A reminder for Max"), null, default);

        Assert.Equal(DeliveryOutcome.WaitingForInstall, delivery.Outcome);
        Assert.Equal(callsToMax, bot.Channel.Calls.Count(c => c.ConversationId == ConversationIds.Personal(_max.TeamsId)));

        // Max adds the app again: reachable, and what waited is delivered.
        bot.Channel.MarkInstalled(_max.TeamsId);
        bot.Channel.MarkInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.BotAddedToPersonal(_max)))
        {
        }

        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)), c => c.AllText.Contains("A reminder for Max", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removal_marked_before_sends_read_it_from_the_person_s_row_is_noted_there_and_a_note_left_without_its_mark_does_not_keep_them_away()
    {
        var (bot, _, _) = await StartWithPairAsync();
        await using var _ = bot;
        await bot.RunJobsAsync();
        var messenger = bot.Host.Services.GetRequiredService<ProactiveMessenger>();
        var outbox = bot.Host.Services.GetRequiredService<Outbox>();
        int CallsToMax() => bot.Channel.Calls.Count(c => c.ConversationId == ConversationIds.Personal(_max.TeamsId));

        // As the version before marked a removal: in the outbox only.
        bot.Channel.MarkNotInstalled(_max.TeamsId);
        bot.Channel.MarkNotInstalled(_max.AadObjectId);
        await outbox.MarkUnreachableAsync(BotScenario.TenantId, _max.AadObjectId, default);
        var references = bot.Host.Services.GetRequiredService<ConversationReferenceStore>();
        Assert.True(await new RemovedAppNotesMigration(outbox, references).NoteAllAsync(default) >= 1);

        var callsBefore = CallsToMax();
        var waiting = await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/noted", Activity.CreateMessage("Noted for Max"), bot.Channel.ServiceUrl, default);
        Assert.Equal(DeliveryOutcome.WaitingForInstall, waiting.Outcome);
        Assert.Equal(callsBefore, CallsToMax());

        // A reinstall cleared the mark while the note was being copied: the mark is the record, so Max is reachable.
        await outbox.ClearUnreachableAsync(BotScenario.TenantId, _max.AadObjectId, default);
        bot.Channel.MarkInstalled(_max.TeamsId);
        bot.Channel.MarkInstalled(_max.AadObjectId);
        var sent = await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/after-stale-note", Activity.CreateMessage("Reaches Max"), bot.Channel.ServiceUrl, default);

        Assert.Equal(DeliveryOutcome.Sent, sent.Outcome);
        Assert.Null((await references.FindUserAsync(_max.AadObjectId, default))!.AppRemovedIn);
    }

    [Fact]
    public async Task Someone_who_removed_the_app_gets_it_added_back_through_graph_once_when_a_message_comes_due_where_the_tenant_permits()
    {
        var (bot, _, _) = await StartWithPairAsync();
        await using var _ = bot;
        await bot.RunJobsAsync();
        bot.Graph.AddTeamsApp(BotScenario.AppId, teamsAppId: Guid.NewGuid().ToString());
        // Graph installs the app; Teams then lets the bot reach the person again (protocol.md F6).
        bot.Graph.Installed = i =>
        {
            bot.Channel.MarkInstalled(_max.TeamsId);
            bot.Channel.MarkInstalled(_max.AadObjectId);
        };
        var messenger = bot.Host.Services.GetRequiredService<ProactiveMessenger>();
        var maxChat = bot.Activities.PersonalMessage(_max, "hello");
        int InstallRequests() => bot.Graph.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/teamwork/installedApps", StringComparison.Ordinal));

        // Refused by the tenant: one try for this removal, then the messages wait.
        bot.Graph.DenyInstall = true;
        bot.Channel.MarkNotInstalled(_max.TeamsId);
        bot.Channel.MarkNotInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.InstallationUpdate(maxChat, _max, "remove")))
        {
        }

        Assert.Equal(0, InstallRequests());
        Assert.Equal(DeliveryOutcome.WaitingForInstall, (await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/first", Activity.CreateMessage("First for Max"), null, default)).Outcome);
        Assert.Equal(1, InstallRequests());
        Assert.Equal(DeliveryOutcome.WaitingForInstall, (await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/second", Activity.CreateMessage("Second for Max"), null, default)).Outcome);
        Assert.Equal(1, InstallRequests());

        // He adds it himself; he removes it again, and this time the tenant permits the bot to add it back.
        bot.Channel.MarkInstalled(_max.TeamsId);
        bot.Channel.MarkInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.BotAddedToPersonal(_max)))
        {
        }

        bot.Graph.DenyInstall = false;
        bot.Channel.MarkNotInstalled(_max.TeamsId);
        bot.Channel.MarkNotInstalled(_max.AadObjectId);
        using (await bot.SendAsync(bot.Activities.InstallationUpdate(maxChat, _max, "remove")))
        {
        }

        var delivery = await messenger.SendToPersonAsync(BotScenario.TenantId, _max.AadObjectId, "test/third", Activity.CreateMessage("Third for Max"), null, default);
        Assert.Equal(DeliveryOutcome.Sent, delivery.Outcome);
        Assert.Equal(2, InstallRequests());
        Assert.Single(bot.Graph.Installations, i => i.UserId == _max.AadObjectId);
        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)), c => c.AllText.Contains("Third for Max", StringComparison.Ordinal));
    }
}
