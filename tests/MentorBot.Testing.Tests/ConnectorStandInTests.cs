using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace MentorBot.Testing.Tests;

public sealed class ConnectorStandInTests : IAsyncLifetime
{
    private const string Tenant = "tenant-1";
    private const string ThreadId = "19:abc@thread.tacv2;messageid=1700000000001";
    private readonly HttpClient _http = SharedHttp.Client;
    private TeamsChannelStandIn _channel = null!;
    private ConnectorCalls _bot = null!;

    public async Task InitializeAsync()
    {
        _channel = await TeamsChannelStandIn.StartAsync();
        _bot = new ConnectorCalls(_http, _channel.ServiceUrl);
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
    }

    [Fact]
    public async Task Send_reply_update_and_delete_are_answered_like_Teams_and_recorded_with_unescaped_ids()
    {
        var sent = await _bot.SendAsync(ThreadId, new JsonObject { ["type"] = "message", ["text"] = "hello" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var sentId = (await ConnectorCalls.ReadAsync(sent))["id"]!.GetValue<string>();

        var replied = await _bot.ReplyAsync(ThreadId, sentId, new JsonObject { ["type"] = "message", ["text"] = "again" });
        var replyId = (await ConnectorCalls.ReadAsync(replied))["id"]!.GetValue<string>();
        var updated = await _bot.UpdateAsync(ThreadId, sentId, new JsonObject { ["type"] = "message", ["text"] = "edited" });
        var deleted = await _bot.DeleteAsync(ThreadId, replyId);

        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.NotEqual(sentId, replyId);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(sentId, (await ConnectorCalls.ReadAsync(updated))["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, deleted.Content.Headers.ContentLength ?? 0);

        var calls = _channel.Calls;
        Assert.Equal([ConnectorOperation.Send, ConnectorOperation.Reply, ConnectorOperation.Update, ConnectorOperation.Delete], calls.Select(c => c.Operation));
        Assert.All(calls, c => Assert.Equal(ThreadId, c.ConversationId));
        Assert.All(calls, c => Assert.Equal("Bearer bot-token", c.Authorization));
        Assert.Equal([sentId, replyId, sentId, replyId], calls.Select(c => c.MessageId));
        Assert.Equal([null, sentId, sentId, replyId], calls.Select(c => c.ActivityId));
        Assert.Equal("edited", calls[2].Text);
        Assert.Equal($"/teams/v3/conversations/{ThreadId}/activities", calls[0].Path);

        // Deliveries to a thread count for the channel too; updates and deletes are not deliveries.
        Assert.Equal(["hello", "again"], _channel.ActivitiesSentTo("19:abc@thread.tacv2").Select(c => c.Text));
    }

    [Fact]
    public async Task Creating_a_personal_conversation_is_stable_per_user_under_any_of_their_ids()
    {
        var ada = TestUser.Create("Ada");
        _channel.AddMember(ada, Tenant);

        var first = await CreatePersonalAsync(ada.TeamsId, new JsonObject { ["type"] = "message", ["text"] = "welcome" });
        var second = await CreatePersonalAsync(ada.TeamsId);
        var byAadId = await CreatePersonalAsync(ada.AadObjectId);
        var someoneElse = await CreatePersonalAsync(TestUser.Create("Grace").TeamsId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await ConnectorCalls.ReadAsync(first);
        var id = created["id"]!.GetValue<string>();
        Assert.StartsWith("a:", id, StringComparison.Ordinal);
        Assert.False(created.ContainsKey("activityId"));
        Assert.Equal(id, (await ConnectorCalls.ReadAsync(second))["id"]!.GetValue<string>());
        Assert.Equal(id, (await ConnectorCalls.ReadAsync(byAadId))["id"]!.GetValue<string>());
        Assert.NotEqual(id, (await ConnectorCalls.ReadAsync(someoneElse))["id"]!.GetValue<string>());

        var welcome = Assert.Single(_channel.ActivitiesSentTo(id));
        Assert.Equal("welcome", welcome.Text);
        Assert.Equal(ada.TeamsId, welcome.MemberId);
        Assert.Equal(ada.AadObjectId, _channel.Calls[2].MemberId);
    }

    [Fact]
    public async Task A_user_without_the_app_installed_gets_403_until_it_is_installed()
    {
        var ada = TestUser.Create("Ada");
        _channel.AddMember(ada, Tenant);
        _channel.MarkNotInstalled(ada.TeamsId);

        var refused = await CreatePersonalAsync(ada.AadObjectId);
        _channel.MarkInstalled(ada.AadObjectId);
        var accepted = await CreatePersonalAsync(ada.AadObjectId);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = (await ConnectorCalls.ReadAsync(refused))["error"]!;
        Assert.Equal("ForbiddenOperationException", error["code"]!.GetValue<string>());
        Assert.Equal("Bot isn't installed in user's personal scope", error["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_channel_thread_is_created_with_its_root_message_and_a_group_chat_cannot_be()
    {
        const string channelId = "19:general@thread.tacv2";
        var thread = await _bot.CreateAsync(new JsonObject
        {
            ["isGroup"] = true,
            ["tenantId"] = Tenant,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId } },
            ["activity"] = new JsonObject { ["type"] = "message", ["text"] = "Cohort starts today" },
        });
        var groupChat = await _bot.CreateAsync(new JsonObject
        {
            ["isGroup"] = true,
            ["tenantId"] = Tenant,
            ["members"] = new JsonArray(new JsonObject { ["id"] = "29:a" }, new JsonObject { ["id"] = "29:b" }),
        });

        Assert.Equal(HttpStatusCode.Created, thread.StatusCode);
        var created = await ConnectorCalls.ReadAsync(thread);
        var rootId = created["activityId"]!.GetValue<string>();
        Assert.Equal($"{channelId};messageid={rootId}", created["id"]!.GetValue<string>());
        Assert.Equal("Cohort starts today", Assert.Single(_channel.ActivitiesSentTo(channelId)).Text);

        Assert.Equal(HttpStatusCode.BadRequest, groupChat.StatusCode);
        Assert.Equal("BadSyntax", (await ConnectorCalls.ReadAsync(groupChat))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_are_found_by_teams_id_aad_id_or_upn_and_others_are_404()
    {
        var ada = TestUser.Create("Ada");
        _channel.AddMember(ada, Tenant);

        foreach (var id in new[] { ada.TeamsId, ada.AadObjectId, ada.Upn.ToUpperInvariant() })
        {
            var member = await ConnectorCalls.ReadAsync(await _bot.GetMemberAsync(ThreadId, id));
            Assert.Equal(ada.TeamsId, member["id"]!.GetValue<string>());
            Assert.Equal(ada.AadObjectId, member["aadObjectId"]!.GetValue<string>());
            Assert.Equal(ada.AadObjectId, member["objectId"]!.GetValue<string>());
            Assert.Equal(ada.Upn, member["userPrincipalName"]!.GetValue<string>());
            Assert.Equal(Tenant, member["tenantId"]!.GetValue<string>());
        }

        var missing = await _bot.GetMemberAsync(ThreadId, "29:nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("MemberNotFoundInConversation", (await ConnectorCalls.ReadAsync(missing))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailNext_answers_429_with_Retry_After_and_records_the_failed_attempts()
    {
        _channel.FailNext(2, 429, TimeSpan.FromSeconds(3));

        var first = await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "try" });
        var second = await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "try" });
        var third = await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "try" });

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        Assert.Equal("Throttled", (await ConnectorCalls.ReadAsync(first))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.Equal([true, true, false], _channel.Calls.Select(c => c.InjectedFault));
        Assert.Single(_channel.ActivitiesSentTo("a:1"));
    }

    [Fact]
    public async Task FailNextSendsIn_throttles_only_the_sends_to_that_conversation()
    {
        _channel.FailNextSendsIn("a:1", 1, 429, TimeSpan.FromSeconds(4));

        var elsewhere = await _bot.SendAsync("a:2", new JsonObject { ["type"] = "message", ["text"] = "other" });
        var throttled = await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "try" });
        var again = await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "try" });

        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Single(_channel.ActivitiesSentTo("a:1"));
    }

    [Fact]
    public async Task WaitForActivity_returns_a_later_delivery_and_times_out_listing_what_arrived()
    {
        var waiting = _channel.WaitForActivityAsync(c => c.Text == "second");
        await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "first" });
        Assert.False(waiting.IsCompleted);
        await _bot.SendAsync("a:1", new JsonObject { ["type"] = "message", ["text"] = "second" });

        Assert.Equal("second", (await waiting).Text);

        var stopwatch = Stopwatch.StartNew();
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => _channel.WaitForActivityAsync(c => c.Text == "never", TimeSpan.FromMilliseconds(200)));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
        Assert.Contains("text=\"first\"", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorded_calls_expose_cards_and_all_text_for_privacy_checks()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Your mentor is Ada" }),
        };
        await _bot.SendAsync("a:1", new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(
                new JsonObject { ["contentType"] = RecordedConnectorCall.AdaptiveCardContentType, ["content"] = card },
                new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "https://example.test/x.png" }),
        });

        var call = Assert.Single(_channel.Calls);
        Assert.Equal("1.5", Assert.Single(call.AdaptiveCards)["version"]!.GetValue<string>());
        Assert.Contains("Your mentor is Ada", call.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", call.AllText, StringComparison.Ordinal);
        Assert.Null(call.Text);
    }

    [Fact]
    public async Task Metadata_and_unknown_paths_are_not_confused_with_connector_calls()
    {
        var unknown = await _http.GetAsync(new Uri(_channel.ServiceUrl + "v3/teams/19:x/conversations"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ConnectorOperation.Unknown, Assert.Single(_channel.Calls).Operation);
        _channel.Clear();
        Assert.Empty(_channel.Calls);
    }

    private Task<HttpResponseMessage> CreatePersonalAsync(string memberId, JsonObject? activity = null)
    {
        var parameters = new JsonObject
        {
            ["isGroup"] = false,
            ["tenantId"] = Tenant,
            ["bot"] = new JsonObject { ["id"] = "28:bot" },
            ["members"] = new JsonArray(new JsonObject { ["id"] = memberId }),
        };
        if (activity is not null)
        {
            parameters["activity"] = activity;
        }

        return _bot.CreateAsync(parameters);
    }
}
