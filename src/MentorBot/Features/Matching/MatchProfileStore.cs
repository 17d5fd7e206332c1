using System.Text.Json;
using Azure.Data.Tables;
using MentorBot.Infrastructure.Storage;

namespace MentorBot.Features.Matching;

/// <summary>
/// Kept with the person (partition tenant|person): the "answers" row (their profile answers, exported to them and
/// erased with them) and the "directory" row (a cached copy of their work details, so a suggestion does not need a
/// Graph call per candidate).
/// </summary>
public sealed class MatchProfileStore
{
    private const string AnswersRow = "answers";
    private const string DirectoryRow = "directory";

    private readonly TableClient _table;

    public MatchProfileStore(TableStorage storage)
    {
        _table = storage.Table(MatchingTables.Profiles);
    }

    public Task SaveAnswersAsync(string tenantId, ProfileAnswers answers, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(tenantId, answers.PersonId), AnswersRow)
        {
            ["PersonId"] = answers.PersonId,
            ["Answers"] = JsonSerializer.Serialize(answers),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<ProfileAnswers?> AnswersAsync(string tenantId, string personId, CancellationToken cancellationToken) =>
        await ReadAsync<ProfileAnswers>(tenantId, personId, AnswersRow, "Answers", cancellationToken).ConfigureAwait(false);

    public Task SaveWorkAsync(string tenantId, WorkDetails work, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(tenantId, work.PersonId), DirectoryRow)
        {
            ["PersonId"] = work.PersonId,
            ["Work"] = JsonSerializer.Serialize(work),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<WorkDetails?> WorkAsync(string tenantId, string personId, CancellationToken cancellationToken) =>
        await ReadAsync<WorkDetails>(tenantId, personId, DirectoryRow, "Work", cancellationToken).ConfigureAwait(false);

    private async Task<T?> ReadAsync<T>(string tenantId, string personId, string row, string property, CancellationToken cancellationToken)
        where T : class
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, personId), row, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue && response.Value?.GetString(property) is { } json ? JsonSerializer.Deserialize<T>(json) : null;
    }

    private static string Partition(string tenantId, string personId) => TableKey.Escape($"{tenantId}|{personId.ToLowerInvariant()}");
}
