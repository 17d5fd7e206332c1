using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Infrastructure.Storage;
using MentorBot.Protocol.Schema;
using MentorBot.Testing;

namespace MentorBot.IntegrationTests.Foundation;

/// <summary>
/// Writes that change nothing are skipped (issue 17 item 5) without ever leaving a row the row index does not list:
/// counted from the requests the table clients send to Azurite.
/// </summary>
public sealed class SkippedWritesTests : IClassFixture<AzuriteFixture>
{
    private const string Person = "11111111-aaaa-4bbb-8ccc-000000000001";
    private const string PairId = "4d403a2f6ef41ea6886a";
    private const string NewPairId = "9e8d7c6b5a4f3e2d1c0b";
    private const string Tenant = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";

    private readonly AzuriteFixture _azurite;

    public SkippedWritesTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
    }

    [Fact]
    public async Task An_update_of_the_version_read_naming_no_new_id_sends_only_itself_and_an_upsert_still_keeps_the_index()
    {
        var (storage, requests) = await NewStorageAsync();
        var table = storage.Table(TableNames.DialogStates);
        var added = await table.AddEntityAsync(Row(PairId, "first answer"));
        var read = (await table.GetEntityAsync<TableEntity>("personal", Person)).Value;

        var before = requests.Count;
        await table.UpdateEntityAsync(Row(PairId, "second answer"), read.ETag, TableUpdateMode.Replace);
        Assert.Equal(1, requests.Count - before);

        before = requests.Count;
        await table.UpsertEntityAsync(Row(PairId, "third answer"), TableUpdateMode.Replace);
        Assert.True(requests.Count - before > 1, "an upsert may land on a row deleted meanwhile, so its entries are written again");
        Assert.NotNull(added);
        Assert.Contains(new RowRef(TableNames.DialogStates, "personal", Person), await storage.Index.RowsNamingAsync([PairId], default));
    }

    [Fact]
    public async Task An_instance_holding_an_old_version_can_neither_skip_a_new_id_nor_write_a_row_another_deleted()
    {
        var prefix = _azurite.NewTablePrefix();
        var (first, _) = await NewStorageAsync(prefix);
        var (second, _) = await NewStorageAsync(prefix);
        var mine = await first.Table(TableNames.DialogStates).AddEntityAsync(Row(PairId, "first answer"));
        var version = mine.Headers.ETag!.Value;

        // Another instance rewrites the row naming a new pair: its own write indexes it.
        var theirs = (await second.Table(TableNames.DialogStates).GetEntityAsync<TableEntity>("personal", Person)).Value;
        await second.Table(TableNames.DialogStates).UpdateEntityAsync(Row(NewPairId, "their answer"), theirs.ETag, TableUpdateMode.Replace);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            first.Table(TableNames.DialogStates).UpdateEntityAsync(Row(PairId, "late answer"), version, TableUpdateMode.Replace));
        Assert.Equal(412, stale.Status);
        Assert.Contains(new RowRef(TableNames.DialogStates, "personal", Person), await first.Index.RowsNamingAsync([NewPairId], default));

        // Another instance deletes it (its entries go): the first instance's update cannot bring it back unlisted.
        await second.Table(TableNames.DialogStates).DeleteEntityAsync("personal", Person, ETag.All);
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            first.Table(TableNames.DialogStates).UpdateEntityAsync(Row(PairId, "late answer"), ETag.All, TableUpdateMode.Replace));
        Assert.False((await first.Table(TableNames.DialogStates).GetEntityIfExistsAsync<TableEntity>("personal", Person)).HasValue);
    }

    [Fact]
    public async Task A_turn_s_ledger_and_replies_on_their_way_write_no_index_entries()
    {
        var (storage, requests) = await NewStorageAsync();
        var records = new ActivityRecords(storage);
        var pending = new PendingReplyStore(records, storage, TimeProvider.System);
        var ledger = new InboundActivityLedger(
            records, new InvokeAnswerStore(records, storage, new MentorBot.Infrastructure.Jobs.JobStore(storage, TimeProvider.System), TimeProvider.System), pending, TimeProvider.System);
        var chat = "a:1xyzPersonalChatOf" + Person;
        var reply = Activity.CreateMessage("Here is what I can do");
        reply.Recipient = new ChannelAccount { Id = "29:1abcDEFghi", AadObjectId = Person };
        var replies = new PendingReplies(chat + "|1:activity", "https://smba.trafficmanager.net/emea/", chat, [new PendingMessage(null, reply)]);

        var before = requests.Count;
        var claim = await ledger.ClaimAsync(chat, "1:activity", default);
        await ledger.CompleteAsync(claim, null, replies, default);
        await pending.RemoveAsync(replies, default);

        // The claim, the mark with the replies (one transaction), the removal.
        Assert.Equal(3, requests.Count - before);
        Assert.Empty(await storage.Index.RowsNamingAsync([Person, chat, "29:1abcDEFghi"], default));
    }

    [Fact]
    public async Task A_conversation_update_after_a_message_rewrites_no_reference_and_a_changed_name_does()
    {
        var (storage, requests) = await NewStorageAsync();
        var references = new ConversationReferenceStore(storage);
        const string Chat = "a:1xyzPersonalChat";
        await references.RememberAsync(Personal(Chat, "Max Mentee"), default);

        var before = requests.Count;
        // An install event carries no name; the chat it names is the one just remembered.
        await references.RememberAsync(Personal(Chat, null), default);
        await references.SetPersonalConversationAsync(Person, Chat, default);
        Assert.Equal(0, requests.Count - before);

        await references.RememberAsync(Personal(Chat, "Max M. Mentee"), default);
        Assert.True(requests.Count - before > 0);
        Assert.Equal("Max M. Mentee", (await references.FindUserAsync(Person, default))!.Name);
        Assert.Equal(Chat, (await references.FindUserAsync(Person, default))!.PersonalConversationId);
    }

    [Fact]
    public async Task A_job_notes_no_entry_for_its_tenant_and_its_claim_after_the_query_that_found_it_is_one_request()
    {
        var prefix = _azurite.NewTablePrefix();
        var (storage, scheduling) = await NewStorageAsync(prefix);
        var jobs = new MentorBot.Infrastructure.Jobs.JobStore(storage, TimeProvider.System);
        // Another instance (or this one after a restart) runs it: it knows the row only from the query.
        var (runner, requests) = await NewStorageAsync(prefix);
        var running = new MentorBot.Infrastructure.Jobs.JobStore(runner, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var job = new MentorBot.Infrastructure.Jobs.Job("pair.start", PairId, now)
        {
            Data = new Dictionary<string, string> { ["tenant"] = Tenant, ["pair"] = PairId },
        };

        var beforeSchedule = scheduling.Count;
        Assert.True(await jobs.ScheduleAsync(job, default));
        // Is it done already? Then the pending row, which the index does not keep (read whole by data rights).
        Assert.Equal(2, scheduling.Count - beforeSchedule);
        Assert.Empty(await storage.Index.RowsNamingAsync([Tenant], default));
        Assert.Empty(await storage.Index.RowsNamingAsync([PairId], default));
        var due = Assert.Single(await running.DueAsync(now.AddSeconds(1), 10, default));

        var before = requests.Count;
        var claimed = await running.TryClaimAsync(due, now.AddSeconds(1), TimeSpan.FromMinutes(1), default);
        Assert.NotNull(claimed);
        Assert.Equal(1, requests.Count - before);

        await running.CompleteAsync(claimed, now.AddSeconds(2), default);
        var naming = await storage.Index.RowsNamingAsync([PairId], default);
        Assert.Equal("done", Assert.Single(naming).PartitionKey);
        Assert.Empty(await storage.Index.RowsNamingAsync([Tenant], default));
    }

    [Fact]
    public async Task A_message_marked_sent_notes_the_chat_it_went_to_but_not_its_activity_id()
    {
        var (storage, requests) = await NewStorageAsync();
        var outbox = new MentorBot.Conversations.Outbox(storage, TimeProvider.System);
        const string chat = "a:1personal-chat-of-max";
        const string activityId = "5f0c2a7e-9b1d-4e3f-8a6b-2c4d6e8f0a1b";
        var entry = await outbox.AddAsync(Tenant, Person, $"checkin/{PairId}/start", MentorBot.Protocol.Schema.Activity.CreateMessage("hi"), claimed: false, default);
        var claimed = await outbox.TryClaimAsync(entry, default);

        var before = requests.Count;
        await outbox.MarkAsync(claimed!, MentorBot.Conversations.Outbox.Sent, chat, activityId, default);

        // The update, and the chat's entries (one transaction in the row's shard).
        Assert.Equal(2, requests.Count - before);
        Assert.Single(await storage.Index.RowsNamingAsync([chat], default));
        Assert.Empty(await storage.Index.RowsNamingAsync([activityId], default));
    }

    [Fact]
    public async Task What_waits_for_a_person_and_their_unreachable_mark_come_from_one_query()
    {
        var (storage, requests) = await NewStorageAsync();
        var outbox = new MentorBot.Conversations.Outbox(storage, TimeProvider.System);
        await outbox.AddAsync(Tenant, Person, $"checkin/{PairId}/start", MentorBot.Protocol.Schema.Activity.CreateMessage("hi"), claimed: false, default);

        var before = requests.Count;
        var waiting = await outbox.WaitingForAsync(Tenant, Person, default);
        Assert.Equal(1, requests.Count - before);
        Assert.False(waiting.MarkedUnreachable);
        Assert.Single(waiting.Entries);

        await outbox.MarkUnreachableAsync(Tenant, Person, default);
        waiting = await outbox.WaitingForAsync(Tenant, Person, default);
        Assert.True(waiting.MarkedUnreachable);
        Assert.Equal($"checkin/{PairId}/start", TableKey.Unescape(Assert.Single(waiting.Entries).RowKey));
    }

    [Fact]
    public async Task A_scan_of_a_whole_table_teaches_nothing_a_query_of_one_partition_does()
    {
        var prefix = _azurite.NewTablePrefix();
        var (storage, _) = await NewStorageAsync(prefix);
        var written = storage.Table(TableNames.DialogStates);
        await written.AddEntityAsync(new TableEntity("personal", Person) { ["PairId"] = PairId }, default);
        // Another instance reads it, first in a scan (a migration, retention), then in a query of its partition.
        var (reader, requests) = await NewStorageAsync(prefix);
        var table = reader.Table(TableNames.DialogStates);

        var scanned = await FirstAsync(table.QueryAsync<TableEntity>());
        var before = requests.Count;
        await table.UpdateEntityAsync(scanned, scanned.ETag, TableUpdateMode.Replace, default);
        Assert.True(requests.Count - before > 1, "an update after a scan noted no index entry: the scan was learnt");

        var queried = await FirstAsync(table.QueryAsync<TableEntity>(e => e.PartitionKey == "personal"));
        before = requests.Count;
        await table.UpdateEntityAsync(queried, queried.ETag, TableUpdateMode.Replace, default);
        Assert.Equal(1, requests.Count - before);
    }

    private static async Task<TableEntity> FirstAsync(Azure.AsyncPageable<TableEntity> rows)
    {
        await foreach (var row in rows)
        {
            return row;
        }

        throw new InvalidOperationException("no row");
    }

    [Fact]
    public async Task A_row_s_entries_are_written_and_deleted_in_one_transaction_and_one_already_gone_does_not_keep_the_others()
    {
        var (storage, requests) = await NewStorageAsync();
        var table = storage.Table(TableNames.DialogStates);
        string[] ids = [PairId, NewPairId, "max.mentee@contoso.example"];
        var row = new TableEntity("personal", Person)
        {
            ["DialogId"] = "expectations",
            ["State"] = $"{{\"pair\":\"{ids[0]}\",\"next\":\"{ids[1]}\",\"with\":\"{ids[2]}\"}}",
        };
        var before = requests.Count;
        await table.AddEntityAsync(row);
        // All four identifiers' entries (the person and three ids) share the row's shard: one transaction, then the row.
        Assert.Equal(1 + 1, requests.Count - before);
        before = requests.Count;
        await table.DeleteEntityAsync("personal", Person, ETag.All);
        // The delete, the read of the row's list of identifiers, and one transaction removing every entry.
        Assert.Equal(1 + 1 + 1, requests.Count - before);
        Assert.Empty(await storage.Index.RowsNamingAsync([Person, .. ids], default));
        Assert.Empty(await EntriesOfAsync(storage, new RowRef(TableNames.DialogStates, "personal", Person)));

        // Forgetting an identifier that was never noted (a transaction fails whole on a missing row) still removes the rest.
        var again = new TableEntity("personal", Person) { ["DialogId"] = "expectations", ["State"] = $"{{\"pair\":\"{ids[0]}\"}}" };
        await table.AddEntityAsync(again);
        var rowRef = new RowRef(TableNames.DialogStates, "personal", Person);
        await storage.Index.ForgetAsync(rowRef, [ids[0], Person, "never-noted@contoso.example"], default);
        Assert.Empty(await storage.Index.RowsNamingAsync([Person, ids[0]], default));
        Assert.Empty(await EntriesOfAsync(storage, rowRef));
    }

    private static async Task<IReadOnlyList<string>> EntriesOfAsync(TableStorage storage, RowRef row) => await storage.Index.NotedForAsync(row, default);

    private static Activity Personal(string chat, string? name) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Conversation = new ConversationAccount { Id = chat, ConversationType = ConversationTypes.Personal, TenantId = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f" },
        From = new ChannelAccount { Id = "29:1abcDEFghi", AadObjectId = Person, Name = name },
        Recipient = new ChannelAccount { Id = "28:6b1f0c34-8d2a-4e7b-9c5d-1a2b3c4d5e6f" },
    };

    private static TableEntity Row(string pairId, string answer) => new("personal", Person)
    {
        ["DialogId"] = "expectations",
        ["State"] = $"{{\"Options\":{{\"pair\":\"{pairId}\"}},\"Values\":{{\"offer\":\"{answer}\"}},\"UpdatedAt\":\"{DateTimeOffset.UtcNow:O}\"}}",
    };

    private async Task<(TableStorage Storage, TableRequestCount Requests)> NewStorageAsync(string? prefix = null)
    {
        var requests = new TableRequestCount();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var storage = new TableStorage(_azurite.CreateServiceClient(options), prefix ?? _azurite.NewTablePrefix());
        await storage.CreateTablesAsync(TableNames.All, default);
        return (storage, requests);
    }
}
