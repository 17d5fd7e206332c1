using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MentorBot.Features.CheckIns;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.IntegrationTests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.IntegrationTests.CheckIns;

/// <summary>
/// What a check-in answer costs in table requests (issue 17 item 5), counted as Azurite receives them: the partner's
/// notice uses what the turn read, and a message sent at once is recorded already claimed.
/// </summary>
public sealed class CheckInAnswerRequestsTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;
    private readonly TestUser _coordinator = TestUser.Create("Cora Coordinator");
    private readonly TestUser _mia = TestUser.Create("Mia Mentor");
    private readonly TestUser _max = TestUser.Create("Max Mentee");

    public CheckInAnswerRequestsTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task An_answer_reads_its_pair_meeting_and_answers_once_and_the_partner_s_notice_reads_one_row_and_is_written_twice()
    {
        var log = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerRetry);
        await using var bot = await BotScenario.StartAsync(_azurite, services: s => s.AddSingleton(_azurite.CreateServiceClient(options)),
            settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: new DateOnly(2027, 1, 4));
        await bot.RecordMeetingAsync(pair, "meeting-1");
        await bot.Host.Services.GetRequiredService<CheckInSender>().SendAsync(pair, program, "meeting-1", new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero), default);
        var card = bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_max.TeamsId)).Last(c => c.AllText.Contains("meeting structure", StringComparison.Ordinal));
        var data = (JsonObject)card.AdaptiveCards[0]["actions"]![0]!["data"]!.DeepClone();
        foreach (var (name, value) in new[] { ("structure", "working"), ("needs", "no"), ("differently", "no"), ("note", ""), ("private", "false"), ("help", "false") })
        {
            data[name] = value;
        }

        log.Clear();
        using (var response = await bot.SendAsync(bot.Activities.CardInvoke(card, _max, CheckInCard.AnswerVerb, data)))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Single(bot.Channel.ActivitiesSentTo(ConversationIds.Personal(_mia.TeamsId)),
            c => c.AllText.Contains("Max Mentee's check-in after your meeting", StringComparison.Ordinal));
        // Once by the turn; the follow-up that told Mia used what the turn had read (it read them all again before).
        Assert.Equal(1, log.Reads(bot.TablePrefix + "Pairs"));
        Assert.Equal(1, log.Reads(bot.TablePrefix + "Meetings"));
        Assert.Equal(1, log.Reads(bot.TablePrefix + "CheckIns"));
        // Whether she removed the app is read with her address, from her reference row: one read, none of her outbox partition.
        Assert.Equal(1, log.Reads(bot.TablePrefix + "ConversationReferences"));
        // Mia's partition of the outbox: the notice recorded claimed, marked sent.
        var toMia = log.Outbox(bot.TablePrefix + "Outbox", _mia.AadObjectId);
        Assert.Equal(0, toMia.Count(r => r.Method == "GET"));
        Assert.Equal(2, toMia.Count(r => r.Method != "GET"));
    }

    [Fact]
    public async Task A_follow_up_run_from_storage_reads_the_pair_again_and_tells_no_one_of_a_pair_closed_meanwhile()
    {
        await using var bot = await BotScenario.StartAsync(_azurite, settings: new Dictionary<string, string> { ["Coordinators:UserIds"] = _coordinator.AadObjectId });
        bot.AddPeople(_mia, _max);
        var (_, program) = await bot.SetUpProgramAsync(_coordinator, "Sales mentoring");
        var pair = await bot.RegisterPairAsync(program, _coordinator, _mia, _max, start: new DateOnly(2027, 1, 4));
        await bot.RecordMeetingAsync(pair, "meeting-1");
        var answer = new CheckInAnswer
        {
            TenantId = pair.TenantId, PairId = pair.PairId, MeetingKey = "meeting-1", PersonId = _max.AadObjectId, Role = "mentee",
            Structure = CheckInRating.WorkingWell, AnsweredAt = bot.Clock.GetUtcNow(),
        };
        Assert.True(await bot.Host.Services.GetRequiredService<CheckInStore>().TryAddAsync(answer, default));
        var pairs = bot.Host.Services.GetRequiredService<PairStore>();
        var current = (await pairs.GetAsync(pair.TenantId, pair.ProgramId, pair.PairId, default))!.Value;
        var meeting = (await bot.Host.Services.GetRequiredService<MentorBot.Features.Meetings.MeetingStore>().GetAsync(pair.TenantId, pair.PairId, "meeting-1", default))!;
        var job = CheckInAnsweredJob.For(new CheckInAnsweredJob.TurnRead(current.Pair, program, meeting, [answer]), answer, notifyPartner: true, bot.Clock.GetUtcNow());
        await pairs.UpdateAsync(current.Pair with { Stage = PairStage.Closed, ClosedReason = "completed" }, current.ETag, default);
        var callsBefore = bot.Channel.Calls.Count;

        // As a stored retry or a takeover after a crash has it: what the turn read is not kept with the job.
        await bot.Host.Services.GetRequiredService<JobRunner>().RunNowAsync(job with { Loaded = null }, default);

        Assert.Equal(callsBefore, bot.Channel.Calls.Count);
        Assert.Null(System.Text.Json.JsonSerializer.Deserialize<Job>(System.Text.Json.JsonSerializer.Serialize(job))!.Loaded);
    }

    /// <summary>Every table request: its method, and its path with a transaction's or an insert's body.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<(string Method, string Text)> _requests = new();

        public void Clear() => _requests.Clear();

        public int Reads(string table) =>
            _requests.Count(r => r.Method == "GET" && (r.Text.Contains("/" + table + "(", StringComparison.Ordinal) || r.Text.Contains("/" + table + "()", StringComparison.Ordinal)));

        public List<(string Method, string Text)> Outbox(string table, string personId) =>
            _requests.Where(r => r.Text.Contains("/" + table, StringComparison.Ordinal)
                && r.Text.Contains(personId, StringComparison.OrdinalIgnoreCase)
                // Not the row of the turn's own replies on their way (its partition "turns"), whose card may name her.
                && !r.Text.Contains("'turns'", StringComparison.Ordinal) && !r.Text.Contains("\"turns\"", StringComparison.Ordinal)).ToList();

        public override void OnSendingRequest(HttpMessage message)
        {
            var request = message.Request;
            var text = Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath);
            if (request.Content is { } content)
            {
                using var body = new MemoryStream();
                content.WriteTo(body, default);
                text += " " + Uri.UnescapeDataString(Encoding.UTF8.GetString(body.ToArray()));
            }

            _requests.Enqueue((request.Method.ToString(), text));
        }
    }
}
