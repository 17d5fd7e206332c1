using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MentorBot.Features.CheckIns;
using MentorBot.Features.DataRights;
using MentorBot.Features.Lifecycle;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Features.Rematch;
using MentorBot.Infrastructure.Storage;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.DataRights;

/// <summary>
/// A pair's whole life through the bot's own protocol, with unique strings the mentee writes privately: a check-in
/// note kept private, a rematch reason, closure reflections. The mentor has a second pair that must stay untouched.
/// </summary>
internal sealed class PairLifeScenario : IAsyncDisposable
{
    public const string CheckInCanary = "canary-checkin-7f3a91";
    public const string RematchCanary = "canary-rematch-2b8c44";
    public const string GainedCanary = "canary-gained-5d1e07";
    public const string DifferentlyCanary = "canary-differently-9a6f30";
    public const string OtherPairCanary = "canary-otherpair-0c4b18";
    public const string MidpointCanary = "canary-midpoint-e41d72";

    private PairLifeScenario(People people, BotScenario bot, MentorshipProgram program, string channel, Pair pair, Pair otherPair)
    {
        (Coordinator, Mentor, Mentee, Other) = (people.Coordinator, people.Mentor, people.Mentee, people.Other);
        Bot = bot;
        Program = program;
        Channel = channel;
        Pair = pair;
        OtherPair = otherPair;
    }

    public TestUser Coordinator { get; }
    public TestUser Mentor { get; }
    public TestUser Mentee { get; }
    public TestUser Other { get; }
    public BotScenario Bot { get; }
    public MentorshipProgram Program { get; }
    public string Channel { get; }
    public Pair Pair { get; private set; }
    public Pair OtherPair { get; }

    /// <summary>The scenario's bot; <paramref name="services"/> and <paramref name="settings"/> add to its own (a test's listeners, log levels).</summary>
    public static async Task<PairLifeScenario> StartAsync(
        AzuriteFixture azurite, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var people = new People(TestUser.Create("Cora Coordinator"), TestUser.Create("Mia Mentor"), TestUser.Create("Max Mentee"), TestUser.Create("Nia Newcomer"));
        var all = new Dictionary<string, string> { ["Coordinators:UserIds"] = people.Coordinator.AadObjectId, ["Reports:PublicBaseUrl"] = "https://mentorbot.example.com/" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var bot = await BotScenario.StartAsync(azurite, s =>
        {
            s.AddRematch().AddDataRights();
            services?.Invoke(s);
        }, all);
        bot.AddPeople(people.Mentor, people.Mentee, people.Other);
        var (channel, program) = await bot.SetUpProgramAsync(people.Coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, people.Coordinator, people.Mentor, people.Mentee, start: new DateOnly(2027, 1, 4));
        var other = await bot.RegisterPairAsync(program, people.Coordinator, people.Mentor, people.Other, start: new DateOnly(2027, 1, 4));
        return new PairLifeScenario(people, bot, program, channel, pair, other);
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();

    /// <summary>Private check-ins in both pairs, the mentee's midpoint reflection, her rematch request, the coordinator ending the pair, and the mentee's reflection.</summary>
    public async Task LiveAsync()
    {
        var sender = Bot.Host.Services.GetRequiredService<CheckInSender>();
        var at = new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero);
        await Bot.RecordMeetingAsync(Pair, "meeting-1");
        await Bot.RecordMeetingAsync(OtherPair, "meeting-2");
        await sender.SendAsync(Pair, Program, "meeting-1", at, default);
        await sender.SendAsync(OtherPair, Program, "meeting-2", at, default);
        await AnswerCheckInAsync(Mentee, "meeting-1", CheckInCanary);
        await AnswerCheckInAsync(Other, "meeting-2", OtherPairCanary);

        // The facilitated midpoint: the mentee's private reflection (what works, what does not, a score, not shared).
        await Bot.Host.Services.GetRequiredService<MidpointCoordinator>().StartAsync(Pair, Program, default);
        foreach (var answer in new[] { $"{MidpointCanary} works", $"{MidpointCanary} does not", "4", "no" })
        {
            await SayAsync(Mentee, answer);
        }

        foreach (var answer in new[] { "rematch", "communication", RematchCanary, "urgent", "1" })
        {
            await SayAsync(Mentee, answer);
        }

        var decision = Bot.Channel.Calls.Where(c => c.ConversationId?.StartsWith(Channel, StringComparison.Ordinal) == true)
            .Last(c => c.AllText.Contains("Rematch request: what next?", StringComparison.Ordinal));
        var end = decision.AdaptiveCards[0]["actions"]!.AsArray().First(a => a!["verb"]?.GetValue<string>() == RematchCoordinatorCard.EndVerb)!;
        using (var ended = await Bot.SendAsync(Bot.Activities.CardInvoke(decision, Coordinator, RematchCoordinatorCard.EndVerb, (JsonObject)end["data"]!.DeepClone())))
        {
            ended.EnsureSuccessStatusCode();
        }

        foreach (var answer in new[] { GainedCanary, DifferentlyCanary, "1", "1", "1", "1" })
        {
            await SayAsync(Mentee, answer);
        }

        Pair = (await Bot.Host.Services.GetRequiredService<PairStore>().GetAsync(Pair.TenantId, Pair.ProgramId, Pair.PairId, default))!.Value.Pair;
    }

    public async Task SayAsync(TestUser user, string text)
    {
        using var response = await Bot.SendAsync(Bot.Activities.PersonalMessage(user, text));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>"erase &lt;upn&gt;" in the channel and the coordinator's press on the confirmation; the press's answer.</summary>
    public async Task<string> EraseAsync(TestUser person)
    {
        using (var typed = await Bot.SendAsync(Bot.Activities.ChannelMessage(Channel, Channel, Coordinator, $"erase {person.Upn}")))
        {
            typed.EnsureSuccessStatusCode();
        }

        var confirm = Bot.Channel.ActivitiesSentTo(Channel)[^1];
        var data = (JsonObject)confirm.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        using var pressed = await Bot.SendAsync(Bot.Activities.CardInvoke(confirm, Coordinator, DataRightsCards.EraseVerb, data));
        pressed.EnsureSuccessStatusCode();
        return await pressed.Content.ReadAsStringAsync();
    }

    /// <summary>Every row of every table of this bot in the account, read in full, as text (keys unescaped too).</summary>
    public async Task<List<(string Table, string Text)>> EverythingStoredAsync()
    {
        var service = Bot.Host.Services.GetRequiredService<TableServiceClient>();
        var prefix = Bot.Host.Services.GetRequiredService<TableStorage>().Prefix;
        var rows = new List<(string, string)>();
        await foreach (var table in service.QueryAsync(cancellationToken: default))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
                rows.Add((table.Name[prefix.Length..], text + "\n" + TableKey.Unescape(row.PartitionKey) + "\n" + TableKey.Unescape(row.RowKey)));
            }
        }

        return rows;
    }

    /// <summary>Every form of a person's ids and addresses that could be stored: plain, URL-encoded once and twice.</summary>
    public static IEnumerable<string> TracesOf(TestUser user)
    {
        foreach (var value in new[] { user.AadObjectId, user.TeamsId, user.Upn, user.Email })
        {
            yield return value;
            yield return Uri.EscapeDataString(value);
            yield return Uri.EscapeDataString(Uri.EscapeDataString(value));
        }
    }

    private sealed record People(TestUser Coordinator, TestUser Mentor, TestUser Mentee, TestUser Other);

    private async Task AnswerCheckInAsync(TestUser who, string meeting, string note)
    {
        var card = Bot.Channel.ActivitiesSentTo(ConversationIds.Personal(who.TeamsId))
            .Last(c => c.AdaptiveCards.Any(a => a.ToJsonString().Contains(meeting, StringComparison.Ordinal)));
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        data["structure"] = "not";
        data["needs"] = "no";
        data["differently"] = "no";
        data["note"] = note;
        data["private"] = "true";
        data["help"] = "false";
        using var response = await Bot.SendAsync(Bot.Activities.CardInvoke(card, who, CheckInCard.AnswerVerb, data));
        response.EnsureSuccessStatusCode();
    }
}
