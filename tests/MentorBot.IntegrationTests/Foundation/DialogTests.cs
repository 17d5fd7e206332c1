using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Conversations;
using MentorBot.Conversations.Dialogs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Foundation;

public sealed class DialogTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public DialogTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    private Task<BotScenario> StartAsync() => BotScenario.StartAsync(_azurite, services =>
    {
        services.AddSingleton<Dialog, SurveyDialog>();
        services.AddSingleton<ICommand, SurveyCommand>();
    });

    private static async Task SayAsync(BotScenario bot, TestUser user, string text, MentorBotHost? host = null)
    {
        using var response = await bot.SendAsync(bot.Activities.PersonalMessage(user, text), host: host);
        response.EnsureSuccessStatusCode();
    }

    private static IReadOnlyList<RecordedConnectorCall> SentTo(BotScenario bot, TestUser user) =>
        bot.Channel.ActivitiesSentTo(ConversationIds.Personal(user.TeamsId));

    private static async Task<DialogState?> StoredStateAsync(BotScenario bot) =>
        (await bot.EntitiesAsync("DialogStates")).Select(e => JsonSerializer.Deserialize<DialogState>(e.GetString("State"))).SingleOrDefault();

    [Fact]
    public async Task Typed_answers_walk_the_steps_with_reprompt_back_and_help()
    {
        await using var bot = await StartAsync();
        var ada = TestUser.Create("Ada");

        await SayAsync(bot, ada, "survey");
        await SayAsync(bot, ada, "Lead a team");
        await SayAsync(bot, ada, "back");
        await SayAsync(bot, ada, "Lead a product team");
        await SayAsync(bot, ada, "Within a year");
        await SayAsync(bot, ada, "daily");
        await SayAsync(bot, ada, "help");
        await SayAsync(bot, ada, "2");
        await SayAsync(bot, ada, "skip");

        var sent = SentTo(bot, ada);
        Assert.Contains(sent, s => s.AllText.Contains("\"daily\" is not one of the answers", StringComparison.Ordinal));
        Assert.Contains(sent, s => s.AllText.Contains("Type \"back\" to change your previous answer", StringComparison.Ordinal));
        Assert.Equal("Survey done: goal=Lead a product team; detail=Within a year; pace=monthly; extra=", sent[^1].Text);
        Assert.Null(await StoredStateAsync(bot));
    }

    [Fact]
    public async Task A_dialog_resumes_where_it_was_after_the_service_restarts()
    {
        await using var bot = await StartAsync();
        var ada = TestUser.Create("Ada");
        await SayAsync(bot, ada, "survey");
        await SayAsync(bot, ada, "Grow as a speaker");

        bot.Restart();
        await SayAsync(bot, ada, "Conference talks");
        await SayAsync(bot, ada, "weekly");
        await SayAsync(bot, ada, "no");

        Assert.Equal("Survey done: goal=Grow as a speaker; detail=Conference talks; pace=weekly; extra=no", SentTo(bot, ada)[^1].Text);
    }

    [Fact]
    public async Task A_card_answer_is_taken_once_and_only_from_the_person_it_was_for()
    {
        await using var bot = await StartAsync();
        var ada = TestUser.Create("Ada");
        var eve = TestUser.Create("Eve");
        await SayAsync(bot, ada, "survey");
        var question = SentTo(bot, ada)[^1];
        var next = question.AdaptiveCards[0]["actions"]![0]!["data"]!.AsObject();
        JsonObject WithAnswer(string answer)
        {
            var data = (JsonObject)next.DeepClone();
            data["answer"] = answer;
            return data;
        }

        using (var byStranger = await bot.SendAsync(bot.Activities.CardInvoke(question, eve, "dialog.answer", WithAnswer("Eve's goal"))))
        {
            Assert.Contains("someone else", await byStranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var first = await bot.SendAsync(bot.Activities.CardInvoke(question, ada, "dialog.answer", WithAnswer("Write a book"))))
        {
            var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
            Assert.Contains("Write a book", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
        }

        using (var again = await bot.SendAsync(bot.Activities.CardInvoke(question, ada, "dialog.answer", WithAnswer("Something else"))))
        {
            Assert.Contains("already been answered", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var state = await StoredStateAsync(bot);
        Assert.Equal(1, state!.StepIndex);
        Assert.Equal("Write a book", state.Value("goal"));
    }

    [Fact]
    public async Task A_classic_submit_of_the_card_is_handled_like_the_invoke()
    {
        await using var bot = await StartAsync();
        var ada = TestUser.Create("Ada");
        await SayAsync(bot, ada, "survey");
        var question = SentTo(bot, ada)[^1];
        var data = (JsonObject)question.AdaptiveCards[0]["actions"]![0]!["fallback"]!["data"]!.DeepClone();
        data["answer"] = "Mentor others";

        using (await bot.SendAsync(bot.Activities.CardSubmit(question, ada, data)))
        {
        }

        Assert.Equal("Mentor others", (await StoredStateAsync(bot))!.Value("goal"));
        Assert.Contains(bot.Channel.Calls, c => c.Method == "PUT" && c.ActivityId == question.MessageId);
    }

    [Fact]
    public async Task Cancel_ends_the_dialog_and_commands_work_again()
    {
        await using var bot = await StartAsync();
        var ada = TestUser.Create("Ada");
        await SayAsync(bot, ada, "survey");
        await SayAsync(bot, ada, "cancel");
        await SayAsync(bot, ada, "help");

        Assert.Null(await StoredStateAsync(bot));
        Assert.Contains("What I can do", SentTo(bot, ada)[^1].AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_answering_the_same_dialog_at_once_lose_no_answer()
    {
        await using var bot = await StartAsync();
        var other = bot.StartAnotherInstance();
        var ada = TestUser.Create("Ada");
        await SayAsync(bot, ada, "survey");

        await Task.WhenAll(SayAsync(bot, ada, "first answer"), SayAsync(bot, ada, "second answer", other));

        var state = await StoredStateAsync(bot);
        Assert.Equal(2, state!.StepIndex);
        Assert.Equal(["first answer", "second answer"], new[] { state.Value("goal")!, state.Value("detail")! }.Order());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_as_a_concurrent_update()
    {
        await using var bot = await StartAsync();
        var store = bot.Host.Services.GetRequiredService<DialogStateStore>();
        var first = await store.SaveAsync("conv", "user", new DialogState { DialogId = "d", StepIndex = 0 }, null, default);
        await store.SaveAsync("conv", "user", new DialogState { DialogId = "d", StepIndex = 1 }, first, default);

        await Assert.ThrowsAsync<ConcurrentUpdateException>(() =>
            store.SaveAsync("conv", "user", new DialogState { DialogId = "d", StepIndex = 5 }, first, default));
        Assert.Equal(1, (await store.GetAsync("conv", "user", default))!.State.StepIndex);
    }
}
