using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace MentorBot.Benchmarks;

/// <summary>
/// Counts every request the service's table clients send (each try, as Azurite sees it), by the phase the benchmark
/// is in and by what it touches: the table from the request's path, or for a transaction (<c>$batch</c>) from the
/// first operation in its body. Row-index requests are named by the table of the row they index ("RowIndex for
/// Outbox"), and requests about a turn's pending replies only (their rows beside the ledger, or the outbox partition
/// "turns" they were kept in before) are marked as the outbox step.
/// </summary>
internal sealed partial class TableRequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly string _prefix;
    private readonly ConcurrentDictionary<(string Phase, string Target, bool OutboxStep), int> _counts = new();
    private volatile string _phase = "start";

    public TableRequestCounter(string prefix)
    {
        _prefix = prefix;
    }

    /// <summary>A table service client for the service under test whose every request this counter sees.</summary>
    public TableServiceClient CountedClient(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var text = Uri.UnescapeDataString(request.Uri.ToUri().AbsolutePath);
        if (text.EndsWith("/$batch", StringComparison.Ordinal) && request.Content is { } content)
        {
            using var body = new MemoryStream();
            content.WriteTo(body, default);
            text = Uri.UnescapeDataString(Encoding.UTF8.GetString(body.ToArray()));
        }
        else if (request.Method == RequestMethod.Get)
        {
            // A query names its partition in the filter.
            text += " " + Uri.UnescapeDataString(request.Uri.Query);
        }

        var (target, outboxStep) = Classify(text);
        target += request.Method == RequestMethod.Get ? (IsQuery(request) ? " (query)" : " (read)") : request.Method == RequestMethod.Delete ? " (delete)" : "";
        _counts.AddOrUpdate((_phase, target, outboxStep), 1, (_, n) => n + 1);
    }

    // A query names no single row: "Table()" with a filter, where a read is "Table(PartitionKey='..',RowKey='..')".
    private static bool IsQuery(Request request) => !request.Uri.Path.Contains("PartitionKey=", StringComparison.Ordinal);

    /// <summary>Requests of one phase (all phases when null), by target and outbox step.</summary>
    public IReadOnlyList<(string Target, bool OutboxStep, int Count)> Of(string? phase) => _counts
        .Where(p => phase is null || p.Key.Phase == phase)
        .GroupBy(p => (p.Key.Target, p.Key.OutboxStep))
        .Select(g => (g.Key.Target, g.Key.OutboxStep, g.Sum(p => p.Value)))
        .OrderByDescending(t => t.Item3)
        .ToList();

    private (string Target, bool OutboxStep) Classify(string text)
    {
        var at = text.IndexOf("/" + _prefix, StringComparison.Ordinal);
        var table = at < 0 ? "?" : TableName().Match(text, at + 1 + _prefix.Length).Value;
        // A request about turn rows only: their removals (batched or alone) and the sweep's query. A turn row saved in the
        // transaction that marks its turn handled rides along with the ledger's write and is counted as the ledger's.
        var rows = RowKeys().Matches(text).Select(m => m.Groups["key"].Value).ToList();
        var outboxStep = (rows.Count > 0 && rows.All(k => k.StartsWith("%turn|", StringComparison.Ordinal)))
            || text.Contains("RowKey ge '%turn|'", StringComparison.Ordinal)
            || text.Contains("Outbox(PartitionKey='turns'", StringComparison.Ordinal)
            || (table == "Outbox" && text.Contains("PartitionKey eq 'turns'", StringComparison.Ordinal));
        if (table == "RowIndex")
        {
            var indexed = IndexedPattern().Match(text);
            return (indexed.Success ? "RowIndex for " + indexed.Groups["table"].Value : "RowIndex", outboxStep);
        }

        return (table, outboxStep);
    }

    // A row named by a request: in an entity's address, or in the body of an insert.
    [GeneratedRegex(@"RowKey='(?<key>[^']*)'|""RowKey"":""(?<key>[^""]*)""")]
    private static partial Regex RowKeys();

    [GeneratedRegex(@"\G[A-Za-z]+")]
    private static partial Regex TableName();

    // Entries of the index: "row|<Table>|<digest>|…" row keys, and the "Row" column ("<Table>|pk|rk") of every entry.
    [GeneratedRegex(@"(row\||""Row"":"")(?<table>[A-Za-z]+)\|")]
    private static partial Regex IndexedPattern();
}
