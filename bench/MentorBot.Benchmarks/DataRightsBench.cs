using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MentorBot.Conversations;
using MentorBot.Features.DataRights;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Benchmarks;

/// <summary>
/// Erase and "my data" through the row index on stores of growing size, each beside the full read of every table
/// they did before (the baseline, measured in the same run on the same store). Rows are written through the product's
/// table clients, so the index is kept as in production; per pair: the pair, its two member rows, three check-ins,
/// two outbox messages and a lifecycle record.
/// </summary>
internal static class DataRightsBench
{
    private const string TenantId = "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f";
    private const string ProgramId = "bench-program";

    public sealed record Result(int StorePairs, string Who, string Operation, int OwnRows, long Requests, double Ms, long ScanRows, long ScanRequests, double ScanMs);

    public static async Task<IReadOnlyList<Result>> RunAsync(string connectionString, string prefix, int[] storeSizes)
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var storage = new TableStorage(new TableServiceClient(connectionString, options), prefix);
        await storage.CreateTablesAsync(TableNames.All, default);
        var pairs = new PairStore(storage);
        var rows = new StoredRows(storage);
        var export = new PersonalDataExport(rows, TimeProvider.System);
        var eraser = new PersonEraser(rows, new InvokeAnswerStore(new ActivityRecords(storage), storage, new JobStore(storage, TimeProvider.System), TimeProvider.System));

        var results = new List<Result>();
        var seeded = 0;
        foreach (var size in storeSizes)
        {
            await SeedAsync(storage, pairs, Enumerable.Range(seeded, size - seeded).Select(_ => NewPerson()).ToList(), NewPerson);
            seeded = size;
            long scanRows = 0;
            var (scanRequests, scanMs) = await FullScanAsync(storage, counter, () => scanRows++);
            foreach (var (who, pairCount) in new[] { ("mentee, 1 pair", 1), ("mentor, 5 pairs", 5) })
            {
                var person = NewPerson();
                var own = await SeedAsync(storage, pairs, Enumerable.Range(0, pairCount).Select(_ => person).ToList(), NewPerson);
                var scope = new PersonScope(TenantId, person.Id, [person.Upn, person.Mail], own);
                var ownRows = 0;
                var (exportRequests, exportMs) = await MeasureAsync(counter, async () => ownRows = (await export.BuildAsync(scope, default)).Counts.Values.Sum());
                results.Add(new Result(size, who, "my data", ownRows, exportRequests, exportMs, scanRows, scanRequests, scanMs));
                var erased = 0;
                var (eraseRequests, eraseMs) = await MeasureAsync(counter, async () => erased = (await eraser.EraseAsync(scope, default)).Values.Sum());
                results.Add(new Result(size, who, "erase", erased, eraseRequests, eraseMs, scanRows, scanRequests, scanMs));
            }
        }

        return results;
    }

    private static Person NewPerson()
    {
        var id = Guid.NewGuid().ToString();
        return new Person(id, "Person " + id[..8], $"p{id[..8]}@contoso.test", $"p{id[..8]}@contoso.test");
    }

    /// <summary>One pair per given person (mentor), each with a new mentee; returns the pairs.</summary>
    private static async Task<IReadOnlyList<Pair>> SeedAsync(TableStorage storage, PairStore pairs, IReadOnlyList<Person> mentors, Func<Person> mentee)
    {
        var created = mentors.Select(m => new Pair
        {
            TenantId = TenantId, ProgramId = ProgramId, PairId = Guid.NewGuid().ToString("N")[..20], Mentor = m, Mentee = mentee(),
            Start = new DateOnly(2027, 1, 4), PlannedEnd = new DateOnly(2027, 7, 4), Stage = PairStage.Working,
        }).ToList();
        await Parallel.ForEachAsync(created, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, ct) =>
        {
            await pairs.TryAddAsync(pair, ct);
            var partition = TableKey.Escape($"{pair.TenantId}|{pair.PairId}");
            for (var meeting = 0; meeting < 3; meeting++)
            {
                await storage.Table(TableNames.CheckIns).UpsertEntityAsync(new TableEntity(partition, TableKey.Escape($"meeting-{meeting}|mentee"))
                {
                    ["Answer"] = $"{{\"PersonId\":\"{pair.Mentee.Id}\",\"PairId\":\"{pair.PairId}\",\"Note\":\"a private note\"}}",
                }, TableUpdateMode.Replace, ct);
            }

            foreach (var person in new[] { pair.Mentor, pair.Mentee })
            {
                await storage.Table(TableNames.Outbox).UpsertEntityAsync(new TableEntity(TableKey.Escape($"{pair.TenantId}|{person.Id}"), TableKey.Escape($"intro/{pair.PairId}"))
                {
                    ["Status"] = "sent",
                }, TableUpdateMode.Replace, ct);
            }

            await storage.Table(TableNames.Lifecycle).UpsertEntityAsync(new TableEntity(partition, "midpoint%2Fmentee") { ["Reflection"] = "private words" }, TableUpdateMode.Replace, ct);
        });
        return created;
    }

    /// <summary>The baseline: every row of every table read, as erase and export did before the index.</summary>
    private static Task<(long Requests, double Ms)> FullScanAsync(TableStorage storage, RequestCounter counter, Action read) => MeasureAsync(counter, async () =>
    {
        foreach (var table in TableNames.All.Where(t => t != TableNames.RowIndex))
        {
            await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>())
            {
                read();
            }
        }
    });

    private static async Task<(long Requests, double Ms)> MeasureAsync(RequestCounter counter, Func<Task> work)
    {
        var before = counter.Count;
        var clock = Stopwatch.StartNew();
        await work();
        return (counter.Count - before, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Counts every request the table clients send (a page of a query is one request).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
