using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.Infrastructure;

/// <summary>
/// The steps most scenarios start with (people in the directory, a program set up in a channel, registered pairs),
/// written once so each test shows only what it is about.
/// </summary>
internal static class ProgramSetup
{
    /// <summary>Puts the people in the Graph directory and the tenant, so the bot can find and message them.</summary>
    public static void AddPeople(this BotScenario bot, params TestUser[] people)
    {
        foreach (var user in people)
        {
            bot.Graph.AddUser(GraphUser.From(user));
            bot.Channel.AddMember(user, BotScenario.TenantId);
        }
    }

    /// <summary>Sets a program up in a new channel as the coordinator does, by typing "setup".</summary>
    public static async Task<(string Channel, MentorshipProgram Program)> SetUpProgramAsync(this BotScenario bot, TestUser coordinator, string programName)
    {
        var channel = ConversationIds.NewChannel();
        using (var response = await bot.SendAsync(bot.Activities.ChannelMessage(channel, channel, coordinator, "setup " + programName)))
        {
            response.EnsureSuccessStatusCode();
        }

        var program = await bot.Host.Services.GetRequiredService<ProgramStore>().FindByChannelAsync(BotScenario.TenantId, channel, default)
            ?? throw new InvalidOperationException($"\"setup {programName}\" by {coordinator.Name} created no program.");
        return (channel, program);
    }

    /// <summary>Registers a pair as the coordinator would; fails the test with the bot's reason if it is refused.</summary>
    public static async Task<Pair> RegisterPairAsync(this BotScenario bot, MentorshipProgram program, TestUser coordinator, TestUser mentor, TestUser mentee,
        string? cohortId = null, DateOnly? start = null, string? focus = null)
    {
        var result = await bot.Host.Services.GetRequiredService<PairRegistration>().RegisterAsync(
            new RegistrationRequest(program, mentor.Upn, mentee.Upn, cohortId, start, null, focus, coordinator.AadObjectId), default);
        Assert.True(result.Created, result.Problem);
        return result.Pair!;
    }

    /// <summary>
    /// A meeting of the pair on record, as discovery or "check in" leaves it, an hour ago by the test clock: the bot takes
    /// check-in answers only for meetings it knows of.
    /// </summary>
    public static async Task RecordMeetingAsync(this BotScenario bot, Pair pair, string meetingKey)
    {
        var start = bot.Clock.GetUtcNow().AddHours(-1);
        await bot.Host.Services.GetRequiredService<MeetingStore>().TryAddAsync(new Meeting
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            MeetingKey = meetingKey,
            Start = start,
            End = start.AddMinutes(30),
            Source = MeetingSource.Manual,
            DiscoveredAt = start,
        }, default);
    }
}
