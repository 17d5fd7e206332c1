using Azure.Data.Tables;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Matching;

/// <summary>Cohort rosters: one row per person (row = object id) and one "settings" row, per cohort.</summary>
public sealed class CohortRosterStore
{
    private const string SettingsRow = "settings";

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    public CohortRosterStore(TableStorage storage, TimeProvider time)
    {
        _table = storage.Table(MatchingTables.Rosters);
        _time = time;
    }

    /// <summary>Puts the person in the cohort in that role (enrolling again only changes the role and name).</summary>
    public async Task<RosterEntry> EnrollAsync(string tenantId, string programId, string cohortId, Person person, PairRole role, CancellationToken cancellationToken)
    {
        var entry = new RosterEntry(person.Id, person.Name, role, _time.GetUtcNow());
        await _table.UpsertEntityAsync(new TableEntity(Partition(tenantId, programId, cohortId), Row(person.Id))
        {
            ["PersonId"] = person.Id,
            ["Name"] = person.Name,
            ["Role"] = role.ToString(),
            ["EnrolledAt"] = entry.EnrolledAt,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    public Task AskProfileQuestionsAsync(string tenantId, string programId, string cohortId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(tenantId, programId, cohortId), SettingsRow) { ["AsksProfileQuestions"] = true },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<CohortRoster> GetAsync(string tenantId, string programId, string cohortId, CancellationToken cancellationToken)
    {
        var people = new List<RosterEntry>();
        var asks = false;
        var partition = Partition(tenantId, programId, cohortId);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == SettingsRow)
            {
                asks = entity.GetBoolean("AsksProfileQuestions") ?? false;
            }
            else if (Enum.TryParse<PairRole>(entity.GetString("Role"), out var role) && entity.GetString("PersonId") is { } id)
            {
                people.Add(new RosterEntry(id, entity.GetString("Name") ?? id, role, entity.GetDateTimeOffset("EnrolledAt") ?? default));
            }
        }

        return new CohortRoster(cohortId, people.OrderBy(p => p.EnrolledAt).ThenBy(p => p.Name, StringComparer.Ordinal).ToList(), asks);
    }

    /// <summary>Every cohort roster of the program (for the pool of mentors a suggestion draws from).</summary>
    public async Task<IReadOnlyList<RosterEntry>> InProgramAsync(string tenantId, string programId, CancellationToken cancellationToken)
    {
        var prefix = TableKey.Escape($"{tenantId}|{programId}|");
        // Every partition that starts with "tenant|program|": '}' is the character after '|'.
        var end = prefix[..^1] + "}";
        var people = new List<RosterEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(prefix) >= 0 && e.PartitionKey.CompareTo(end) < 0,
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey != SettingsRow && Enum.TryParse<PairRole>(entity.GetString("Role"), out var role) && entity.GetString("PersonId") is { } id)
            {
                people.Add(new RosterEntry(id, entity.GetString("Name") ?? id, role, entity.GetDateTimeOffset("EnrolledAt") ?? default));
            }
        }

        return people;
    }

    private static string Partition(string tenantId, string programId, string cohortId) => TableKey.Escape($"{tenantId}|{programId}|{cohortId}");

    private static string Row(string personId) => TableKey.Escape(personId.ToLowerInvariant());
}
