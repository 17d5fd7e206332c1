using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Azure;
using MentorBot.Conversations;
using MentorBot.Features.Meetings;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Seeding;

/// <summary>
/// Started pairs, each with a pair chat the bot knows, a meeting that ended an hour ago and its due check-in job: the
/// state a fan-out of check-in cards starts from. Written straight into the service's stores. Compiled into the
/// benchmark and the fault tests (both run the real service), so the two measure the same work.
/// </summary>
internal static class DueCheckIns
{
    /// <summary>Seeds a program (no quiet hours, so cards go out at any time of day) and <paramref name="count"/> pairs in it.</summary>
    /// <returns>The pair chats' conversation ids, one per pair, in pair order.</returns>
    public static async Task<IReadOnlyList<string>> SeedAsync(
        IServiceProvider services, string tenantId, string appId, string serviceUrl, string programId, int count, int parallelism)
    {
        var now = DateTimeOffset.UtcNow;
        var program = new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = programId,
            Name = programId,
            Channel = new CoordinatorsChannel(serviceUrl, "19:coordinators@thread.tacv2", null, "Coordinators"),
            Settings = new ProgramSettings { CheckInDelayMinutes = 15, QuietHoursStart = 0, QuietHoursEnd = 0 },
            CreatedAt = now,
        };
        await services.GetRequiredService<ProgramStore>().SaveAsync(program, null, default);
        var pairs = services.GetRequiredService<PairStore>();
        var references = services.GetRequiredService<ConversationReferenceStore>();
        var meetings = services.GetRequiredService<MeetingStore>();
        var jobs = services.GetRequiredService<JobStore>();
        // The meeting store's writer is internal to the product (discovery is its only caller).
        var addMeeting = typeof(MeetingStore).GetMethod("TryAddAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-7);
        var chats = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, token) =>
        {
            var chatId = $"19:{programId}-{i}@thread.v2";
            var pair = new Pair
            {
                TenantId = tenantId,
                ProgramId = programId,
                // Ids shaped as the product's (20 hex digits, Entra object ids), so the row index notes what it would.
                PairId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{programId}-{i}")))[..20].ToLowerInvariant(),
                Mentor = new Person(Guid.NewGuid().ToString(), $"Mentor {i}", null, null),
                Mentee = new Person(Guid.NewGuid().ToString(), $"Mentee {i}", null, null),
                Start = start,
                PlannedEnd = start.AddDays(7 * 26),
                Stage = PairStage.Working,
                PairChatConversationId = chatId,
                CreatedAt = now,
            };
            if (!await pairs.TryAddAsync(pair, token))
            {
                throw new InvalidOperationException($"Pair {pair.PairId} exists already: seed into fresh tables.");
            }

            await references.RememberAsync(new Activity
            {
                ServiceUrl = serviceUrl,
                Conversation = new ConversationAccount { Id = chatId, ConversationType = "groupChat", TenantId = tenantId, IsGroup = true },
                Recipient = new ChannelAccount { Id = "28:" + appId },
            }, token);
            var meeting = new Meeting
            {
                TenantId = tenantId,
                ProgramId = programId,
                PairId = pair.PairId,
                MeetingKey = $"event-{i}",
                Start = now.AddHours(-1.5),
                End = now.AddHours(-1),
                EventId = $"event-{i}",
                DiscoveredAt = now,
                UpdatedAt = now,
            };
            await (Task<ETag?>)addMeeting.Invoke(meetings, [meeting, token])!;
            if (!await jobs.ScheduleAsync(MeetingJobs.CheckIn(meeting, meeting.End.AddMinutes(15)), token))
            {
                throw new InvalidOperationException($"The check-in job of {pair.PairId} was scheduled already: seed into fresh tables.");
            }

            chats[i] = chatId;
        });
        return chats;
    }
}
