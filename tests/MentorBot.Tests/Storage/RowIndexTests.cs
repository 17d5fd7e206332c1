using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Tests.Storage;

public sealed class RowIndexTests
{
    private const string Tenant = "0000aaaa-1111-4222-8333-444455556666";
    private const string Person = "11111111-aaaa-4bbb-8ccc-000000000001";

    [Theory]
    [InlineData(Person, true)]
    [InlineData("4d403a2f6ef41ea6886a", true)] // a pair id: 20 hex digits
    [InlineData("mia.chen@contoso.test", true)]
    [InlineData("29:1abcDEFghi", true)]
    [InlineData("a:1xyzPersonalChat", true)]
    [InlineData("the", false)]
    [InlineData("canary-checkin-7f3a91", false)]
    [InlineData("2026-12-02T17:17:16Z", false)]
    [InlineData("17:17:16", false)]
    [InlineData("41:10.9302346+00:00", false)] // the tail of a time "2026-12-03T07:41:10.9302346+00:00" after its first colon
    [InlineData("sales-mentoring", false)]
    [InlineData("19:a1b2c3d4e5f6@thread.tacv2", false)] // a channel: names a conversation, never a person
    [InlineData("a1b2c3d4e5f6@thread.v2", false)] // a group chat's id after its "19:"
    [InlineData("conversation:19:meeting_a1b2c3@thread.v2", false)] // an outbox partition of a meeting chat
    [InlineData("19:abcdef0123@thread.skype", false)]
    public void Only_ids_addresses_and_Teams_ids_are_indexed(string token, bool indexed)
    {
        Assert.Equal(indexed, IdentifierTokens.IsIndexable(token));
    }

    [Fact]
    public void A_row_is_indexed_by_the_ids_in_its_keys_and_values_plain_or_encoded_but_not_by_its_tenant_or_words()
    {
        var row = new TableEntity(Tenant + "|" + Person, "checkin%2F4d403a2f6ef41ea6886a")
        {
            ["Answer"] = "{\"PersonId\":\"" + Person.ToUpperInvariant() + "\",\"Note\":\"a private word\"}",
            ["Link"] = "https://teams.microsoft.com/l/chat/0/0?users=mia.chen%2540contoso.test",
            ["TenantId"] = Tenant,
        };

        var identifiers = RowIndex.IdentifiersOf(row).ToList();

        Assert.Equal([Person, "4d403a2f6ef41ea6886a", "mia.chen@contoso.test"], identifiers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_row_reference_survives_keys_holding_bars_and_escapes()
    {
        var row = new RowRef("Outbox", Tenant + "|conversation:19:abc@thread.v2", "match%2Fpair%2Fsuggestions");
        Assert.Equal(row, RowRef.Parse(row.ToString()));
        Assert.DoesNotContain('/', row.ToString());
    }

    [Fact]
    public void A_time_in_a_stored_value_adds_no_index_entry()
    {
        // Dialog state is rewritten on every answer with a new UpdatedAt: each time would have been a new entry.
        var row = new TableEntity("personal", Person) { ["State"] = "{\"UpdatedAt\":\"2026-12-03T07:41:10.9302346+00:00\"}" };

        Assert.Equal([Person], RowIndex.IdentifiersOf(row));
    }

    [Theory]
    [InlineData(TableNames.InboundActivities, "a:1xyzPersonalChat", false)]
    [InlineData(TableNames.InvokeAnswers, "202612030740", false)]
    [InlineData(TableNames.Outbox, RowIndex.PendingTurnsPartition, false)]
    [InlineData(TableNames.Outbox, Tenant + "|" + Person, true)]
    [InlineData(TableNames.DialogStates, "personal", true)]
    public void Only_the_rows_every_turn_writes_are_left_to_lookups_by_key(string table, string partition, bool kept)
    {
        Assert.Equal(kept, RowIndex.Keeps(table, partition));
    }

    [Fact]
    public async Task A_row_whose_keys_are_too_long_for_the_index_is_refused_before_anything_is_written()
    {
        var table = new Moq.Mock<TableClient>(Moq.MockBehavior.Strict);
        var index = new RowIndex(table.Object);
        // A key grown by a suffix per night, as a quiet-hours check-in once did: the row is never written half-indexed.
        var row = new TableEntity("pending", "checkin.due%2F" + string.Concat(Enumerable.Repeat("%2Fafter-quiet-hours", 30))) { ["Pair"] = "4d403a2f6ef41ea6886a" };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => index.NoteAsync(TableNames.CheckIns, row, default));

        Assert.Contains("CheckIns", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {RowIndex.MaxKeyLength}", refused.Message, StringComparison.Ordinal);
        table.VerifyNoOtherCalls();
    }
}
