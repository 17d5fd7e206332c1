using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Conversations;

/// <summary>
/// The one partition of the inbound activities table and its write batcher, shared by what a turn records about
/// itself: the redelivery ledger (<see cref="InboundActivityLedger"/>), an invoke's first answer
/// (<see cref="InvokeAnswerStore"/>) and the turn's replies on their way (<see cref="PendingReplyStore"/>). Being one
/// partition, a turn's "handled", its answer and its replies are committed in one transaction, and under load with
/// other turns' claims and removals; one partition takes thousands of rows a second.
/// </summary>
/// <remarks>
/// The three kinds of row are told apart by their row key. A ledger row's key is an escaped conversation id, '|' and
/// the activity's escaped id (<see cref="InboundActivityLedger.Key"/>); escaping writes '%' only before two upper-case
/// hex digits, so no ledger key starts with <see cref="AnswerPrefix"/> or <see cref="TurnPrefix"/>.
/// </remarks>
public sealed class ActivityRecords
{
    /// <summary>The partition every row is in.</summary>
    public const string Partition = "activities";

    /// <summary>Row keys of invoke answers: "%answer|bucket|conversation|activity".</summary>
    public const string AnswerPrefix = "%answer|";

    /// <summary>Row keys of turn replies on their way: "%turn|" and the turn's escaped key.</summary>
    public const string TurnPrefix = "%turn|";

    public ActivityRecords(TableStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Table = storage.Table(TableNames.InboundActivities);
        Writes = new PartitionWriteBatcher(Table);
    }

    public TableClient Table { get; }

    public PartitionWriteBatcher Writes { get; }

    /// <summary>The row keys that start with <paramref name="prefix"/>, as a range: from Start (inclusive) to End.</summary>
    public static (string Start, string End) Range(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        // Every key that starts with the prefix sorts below the prefix with its last character raised by one.
        return (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
    }

    /// <summary>A filter for the rows of the partition whose keys start with <paramref name="prefix"/>.</summary>
    public static string RangeFilter(string prefix)
    {
        var (start, end) = Range(prefix);
        return TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {start} and RowKey lt {end}");
    }
}
