using MentorBot.Features.Matching;
using MentorBot.Features.Pairs;
using MentorBot.Features.Rematch;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.IntegrationTests.Rematch;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Matching;

/// <summary>A rematch ends a pair; the coordinators get three suggested mentors with reasons, and one click pairs them.</summary>
public sealed class SuggestedMatchTests : IClassFixture<AzuriteFixture>
{
    private static readonly string[] MentorNames = ["Ann Archer", "Ben Baker", "Cal Cooper", "Eve Evans"];

    private readonly AzuriteFixture _azurite;

    public SuggestedMatchTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task A_rematch_brings_three_suggestions_with_reasons_none_a_previous_partner_or_full_and_confirming_registers_the_pair()
    {
        await using var s = await RematchScenario.StartAsync(_azurite);
        var bot = s.Bot;
        var mentors = MentorNames.Select(name => TestUser.Create(name)).ToList();
        var full = TestUser.Create("Dan Full");
        bot.AddPeople([.. mentors, full]);
        // Max, his mentor, two of the mentors and Dan (who has no room) work in the same department, as the directory says.
        foreach (var user in new[] { s.Mentee, s.Mentor, mentors[0], mentors[1], full })
        {
            bot.Graph.AddUser(GraphUser.From(user) with { Department = "Field Sales" });
        }

        await bot.Host.Services.GetRequiredService<CohortStore>().SaveAsync(
            new Cohort { TenantId = BotScenario.TenantId, ProgramId = s.Program.ProgramId, CohortId = "spring", Name = "Spring" }, default);
        await ChannelAsync(s, "settings MentorCapacity 1");
        await ChannelAsync(s, $"enroll mentors {string.Join(' ', mentors.Select(m => m.Upn))} {full.Upn} cohort Spring");
        // Dan mentors Nia: at capacity 1 he has no room.
        await bot.RegisterPairAsync(s.Program with { Settings = s.Program.Settings with { MentorCapacity = 1 } }, s.Coordinator, full, s.Other,
            start: new DateOnly(2027, 1, 4));

        await s.RequestAsync(s.Mentee, "styles", RematchScenario.Secret, "soon");
        await s.PressAsync(s.DecisionCard(), s.Coordinator, RematchCoordinatorCard.EndVerb);
        await bot.RunJobsAsync();

        var card = Assert.Single(s.InChannel("Suggested mentors for Max Mentee"));
        var actions = card.AdaptiveCards[0]["actions"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal(SuggestionsCard.ConfirmVerb, a["verb"]!.GetValue<string>()));
        var suggested = actions.Select(a => a["data"]!["mentor"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(s.Mentor.AadObjectId, suggested);
        Assert.DoesNotContain(full.AadObjectId, suggested);
        Assert.Equal([mentors[0].AadObjectId, mentors[1].AadObjectId], suggested[..2]);
        Assert.Contains("Both in Field Sales", card.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-5e1b", card.AllText, StringComparison.Ordinal);

        // Someone who is not a coordinator changes nothing; the coordinator's press registers the pair once.
        Assert.Contains("Only program coordinators of \"Sales mentoring\"", RematchScenario.Message(await s.PressAsync(card, s.Mentee, SuggestionsCard.ConfirmVerb)),
            StringComparison.Ordinal);
        var pressed = await s.PressAsync(card, s.Coordinator, SuggestionsCard.ConfirmVerb);
        Assert.Contains("Pair registered", pressed.GetRawText(), StringComparison.Ordinal);
        var pairs = await bot.Host.Services.GetRequiredService<PairStore>().InProgramAsync(BotScenario.TenantId, s.Program.ProgramId, default);
        var added = Assert.Single(pairs, p => !p.IsClosed && p.Mentee.Id == s.Mentee.AadObjectId);
        Assert.Equal(mentors[0].AadObjectId, added.Mentor.Id);

        Assert.Contains("already has a mentor", RematchScenario.Message(await s.PressAsync(card, s.Coordinator, SuggestionsCard.ConfirmVerb)),
            StringComparison.Ordinal);
        Assert.Single(await bot.Host.Services.GetRequiredService<PairStore>().InProgramAsync(BotScenario.TenantId, s.Program.ProgramId, default),
            p => !p.IsClosed && p.Mentee.Id == s.Mentee.AadObjectId);
    }

    private static async Task ChannelAsync(RematchScenario s, string text)
    {
        using var response = await s.Bot.SendAsync(s.Bot.Activities.ChannelMessage(s.Channel, s.Channel, s.Coordinator, text));
        response.EnsureSuccessStatusCode();
    }
}
