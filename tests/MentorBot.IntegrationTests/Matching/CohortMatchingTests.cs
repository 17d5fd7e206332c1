using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Checking;
using MentorBot.Features.Matching;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Matching;

/// <summary>"match cohort" on 12 mentees and 8 mentors of capacity 2: the best matching there is, and confirming registers it.</summary>
public sealed class CohortMatchingTests : IClassFixture<AzuriteFixture>
{
    // Name, department, job title, office: what the directory says, the only profile data in this cohort.
    private static readonly Person[] Mentors =
    [
        new("Ann Archer", "Platform", "Senior Engineer", "Oslo"), new("Ben Baker", "Platform", "Lead Designer", "Lima"),
        new("Cal Cooper", "Sales", "Senior Analyst", "Oslo"), new("Dee Dunn", "Sales", "Principal Engineer", "Lima"),
        new("Eve Evans", "Design", "Senior Designer", "Oslo"), new("Fay Fox", "Design", "Lead Analyst", "Rome"),
        new("Gus Gray", "Finance", "Staff Engineer", "Rome"), new("Hal Hill", "Finance", "Senior Analyst", "Lima"),
    ];

    private static readonly Person[] Mentees =
    [
        new("Ida Ide", "Platform", "Engineer", "Oslo"), new("Jon Jay", "Platform", "Engineer", "Lima"),
        new("Kim Kerr", "Platform", "Designer", "Oslo"), new("Lou Lane", "Platform", "Analyst", "Rome"),
        new("Meg Moss", "Platform", "Engineer", "Rome"), new("Ned Nash", "Sales", "Analyst", "Oslo"),
        new("Oli Orr", "Sales", "Engineer", "Lima"), new("Pam Park", "Design", "Designer", "Rome"),
        new("Quin Quay", "Design", "Analyst", "Oslo"), new("Ray Roe", "Finance", "Engineer", "Rome"),
        new("Sue Sands", "Sales", "Designer", "Lima"), new("Tom Todd", "Design", "Engineer", "Oslo"),
    ];

    // Ned and Cal, Pam and Fay asked not to be matched; Tom was Eve's mentee before.
    private static readonly (string Mentee, string Mentor)[] Excluded = [("Ned Nash", "Cal Cooper"), ("Pam Park", "Fay Fox"), ("Tom Todd", "Eve Evans")];

    private readonly AzuriteFixture _azurite;

    public CohortMatchingTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task Twelve_mentees_and_eight_mentors_get_the_best_total_fit_within_capacity_and_exclusions_and_confirming_registers_the_pairs()
    {
        var coordinator = TestUser.Create("Cora Coordinator");
        await using var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = coordinator.AadObjectId });
        var mentors = Mentors.Select(p => TestUser.Create(p.Name)).ToList();
        var mentees = Mentees.Select(p => TestUser.Create(p.Name)).ToList();
        var outsider = TestUser.Create("Zoe Zeta");
        bot.AddPeople([.. mentors, .. mentees, outsider]);
        foreach (var (user, person) in mentors.Zip(Mentors).Concat(mentees.Zip(Mentees)))
        {
            bot.Graph.AddUser(GraphUser.From(user) with { Department = person.Department, JobTitle = person.JobTitle, OfficeLocation = person.Office });
        }

        var (channel, program) = await bot.SetUpProgramAsync(coordinator, "Engineering mentoring");
        await bot.Host.Services.GetRequiredService<CohortStore>().SaveAsync(
            new Cohort { TenantId = BotScenario.TenantId, ProgramId = program.ProgramId, CohortId = "spring", Name = "Spring" }, default);
        await SayAsync(bot, channel, coordinator, "settings MentorCapacity 2");
        program = program with { Settings = program.Settings with { MentorCapacity = 2 } };
        // Ann already mentors Zoe (outside the cohort): one seat left. Eve mentored Tom before, and that pair has ended.
        await bot.RegisterPairAsync(program, coordinator, mentors[0], outsider);
        await CloseAsync(bot, await bot.RegisterPairAsync(program, coordinator, mentors[4], mentees[11]));
        await SayAsync(bot, channel, coordinator, $"enroll mentors {string.Join(' ', mentors.Select(m => m.Upn))} cohort Spring");
        await SayAsync(bot, channel, coordinator, $"enroll mentees {string.Join(' ', mentees.Select(m => m.Upn))} cohort Spring");
        await SayAsync(bot, channel, coordinator, $"match exclude {mentees[5].Upn} {mentors[2].Upn}");
        await SayAsync(bot, channel, coordinator, $"match exclude {mentees[7].Upn} {mentors[5].Upn}");
        var room = Mentors.Select((_, j) => j == 0 ? 1 : 2).ToArray();

        await SayAsync(bot, channel, coordinator, "match cohort Spring");

        var card = bot.Channel.ActivitiesSentTo(channel).Last(c => c.AllText.Contains("Proposed matching: Spring", StringComparison.Ordinal));
        var proposed = ProposedMentors(card.AdaptiveCards[0], mentors);
        Assert.Equal(Mentees.Select(p => p.Name).Order(), proposed.Keys.Order());
        var chosen = Mentees.Select(p => proposed[p.Name]).ToArray();
        Assert.All(chosen, j => Assert.True(j >= 0, "every mentee gets a mentor: there are 15 seats for 12"));
        Assert.All(Enumerable.Range(0, Mentors.Length), j => Assert.True(chosen.Count(c => c == j) <= room[j], $"{Mentors[j].Name} over capacity"));
        Assert.All(Enumerable.Range(0, Mentees.Length), i => Assert.NotNull(Fit(i, chosen[i])));
        var total = chosen.Select((j, i) => Fit(i, j)!.Value).Sum();
        var (bestMatched, bestFit) = ExhaustiveAssignment.Best(Mentees.Length, room, Fit);
        Assert.Equal(12, bestMatched);
        Assert.Equal(bestFit, total, 6);
        Assert.True(Greedy(room) < bestFit, "the data must be one a greedy pass gets wrong, or this test shows nothing");
        Assert.Contains($"12 of 12 mentees matched, total fit {bestFit.ToString("0.##", CultureInfo.InvariantCulture)}", card.AllText, StringComparison.Ordinal);

        // Confirming, with the card's choices as Teams sends them, registers the twelve pairs once.
        var choices = ChoiceInputs(card.AdaptiveCards[0]).ToDictionary(c => c["id"]!.GetValue<string>(), c => c["value"]!.GetValue<string>());
        await PressConfirmAsync(bot, card, coordinator, choices);
        var registered = await CohortPairsAsync(bot, program);
        Assert.Equal(12, registered.Count);
        Assert.All(registered, p => Assert.Equal(mentors[proposed[p.Mentee.Name]].AadObjectId, p.Mentor.Id));

        var again = await PressConfirmAsync(bot, card, coordinator, choices);
        Assert.Contains("already confirmed", again, StringComparison.Ordinal);
        Assert.Equal(12, (await CohortPairsAsync(bot, program)).Count);
    }

    /// <summary>The fit with the starting weights (shared field 3, similar role 1, same office 0.5), worked out from the data here.</summary>
    private static double? Fit(int mentee, int mentor)
    {
        var (a, b) = (Mentees[mentee], Mentors[mentor]);
        if (Excluded.Contains((a.Name, b.Name)))
        {
            return null;
        }

        return (a.Department == b.Department ? 3 : 0) + (b.JobTitle.EndsWith(a.JobTitle, StringComparison.Ordinal) ? 1 : 0) + (a.Office == b.Office ? 0.5 : 0);
    }

    /// <summary>The greedy pass: the best remaining pair first, until nobody can be matched.</summary>
    private static double Greedy(int[] capacities)
    {
        var room = (int[])capacities.Clone();
        var matched = new HashSet<int>();
        var total = 0.0;
        var pairs = from i in Enumerable.Range(0, Mentees.Length) from j in Enumerable.Range(0, Mentors.Length)
                    where Fit(i, j) is not null orderby Fit(i, j) descending select (i, j);
        foreach (var (i, j) in pairs)
        {
            if (room[j] > 0 && matched.Add(i))
            {
                room[j]--;
                total += Fit(i, j)!.Value;
            }
        }

        return total;
    }

    /// <summary>Each mentee's proposed mentor (index into <see cref="Mentors"/>), read from the card's choice inputs.</summary>
    private static Dictionary<string, int> ProposedMentors(JsonObject card, IReadOnlyList<TestUser> mentors) =>
        ChoiceInputs(card).ToDictionary(
            c => c["label"]!.GetValue<string>()["Mentor for ".Length..],
            c => mentors.ToList().FindIndex(m => m.AadObjectId == c["value"]!.GetValue<string>()));

    private static IEnumerable<JsonObject> ChoiceInputs(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Input.ChoiceSet" => [o],
        JsonObject o => o.SelectMany(p => ChoiceInputs(p.Value)),
        JsonArray a => a.SelectMany(ChoiceInputs),
        _ => [],
    };

    private static async Task<string> PressConfirmAsync(BotScenario bot, RecordedConnectorCall card, TestUser who, IReadOnlyDictionary<string, string> inputs)
    {
        var action = card.AdaptiveCards[0]["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == CohortMatchCard.ConfirmVerb)!;
        var data = (JsonObject)action["data"]!.DeepClone();
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }

        using var response = await bot.SendAsync(bot.Activities.CardInvoke(card, who, CohortMatchCard.ConfirmVerb, data));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<IReadOnlyList<Pair>> CohortPairsAsync(BotScenario bot, MentorshipProgram program) =>
        (await bot.Host.Services.GetRequiredService<PairStore>().InProgramAsync(BotScenario.TenantId, program.ProgramId, default))
        .Where(p => !p.IsClosed && p.CohortId == "spring").ToList();

    private static async Task CloseAsync(BotScenario bot, Pair pair)
    {
        var store = bot.Host.Services.GetRequiredService<PairStore>();
        var (stored, etag) = (await store.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value;
        await store.UpdateAsync(stored with { Stage = PairStage.Closed, ClosedAt = bot.Clock.GetUtcNow() }, etag, default);
    }

    private static async Task SayAsync(BotScenario bot, string channel, TestUser who, string text)
    {
        using var response = await bot.SendAsync(bot.Activities.ChannelMessage(channel, channel, who, text));
        response.EnsureSuccessStatusCode();
    }

    private sealed record Person(string Name, string Department, string JobTitle, string Office);
}
