using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.FaultTests;

/// <summary>Two instances of the service on the same tables send the same check-ins at the same moment.</summary>
public sealed class TwoInstanceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Fails today (8 of 150 meetings sent twice): Outbox.TryClaimAsync claims an entry another instance holds in
    // "sending", because the ETag it read is current. Un-skip with the Outbox patch of issue 8.
    [Fact(Timeout = 60_000)]
    public async Task Two_instances_sending_the_same_check_ins_deliver_each_once()
    {
        await using var channel = await TeamsChannelStandIn.StartAsync();
        var settings = FaultHost.Settings(channel, azurite.ConnectionString, azurite.NewTablePrefix());
        await using var first = new FaultHost(settings);
        await using var second = new FaultHost(settings);
        (await first.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        (await second.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        var messengers = new[] { first, second }.Select(h => h.Services.GetRequiredService<ProactiveMessenger>()).ToArray();

        const int Meetings = 150;
        var sends = new List<Task>();
        for (var i = 0; i < Meetings; i++)
        {
            var (conversation, key, _) = CheckIn(channel, i);
            // Both instances race for every meeting, each with its own copy of the card.
            foreach (var messenger in messengers)
            {
                var message = CheckIn(channel, i).Message;
                sends.Add(Task.Run(() => messenger.SendToConversationAsync(FaultHost.TenantId, conversation, key, message, CancellationToken.None)));
            }
        }

        await Task.WhenAll(sends);

        var perMeeting = Enumerable.Range(0, Meetings).Select(i => channel.ActivitiesSentTo(ChatId(i)).Count).ToList();
        Assert.Equal(0, perMeeting.Count(n => n == 0));   // lost
        Assert.Equal(0, perMeeting.Count(n => n > 1));    // duplicated
    }

    internal static string ChatId(int i) => $"19:pair-{i}@thread.v2";

    internal static (ConversationReference Conversation, string Key, Activity Message) CheckIn(TeamsChannelStandIn channel, int i)
    {
        var pair = new Pair
        {
            TenantId = FaultHost.TenantId,
            ProgramId = "faults",
            PairId = $"pair-{i}",
            Mentor = new Person($"mentor-{i}", $"Mentor {i}", null, null),
            Mentee = new Person($"mentee-{i}", $"Mentee {i}", null, null),
            Start = new DateOnly(2026, 1, 5),
            PlannedEnd = new DateOnly(2026, 7, 5),
            Stage = PairStage.Working,
            PairChatConversationId = ChatId(i),
        };
        var card = CheckInCard.Create(pair, "event-1", "on Monday 5 January", null, []);
        var conversation = new ConversationReference(channel.ServiceUrl, ChatId(i), FaultHost.TenantId, "groupChat", "28:" + FaultHost.AppId);
        return (conversation, $"checkin/{pair.PairId}/event-1/chat", CardJson.ToMessage(card));
    }
}
