using System.Globalization;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Reports;
using MentorBot.Features.Reports.Downloads;
using Microsoft.Extensions.Options;

namespace MentorBot.Features.DataRights;

/// <summary>
/// "my data" in a personal chat: everything stored about the sender that the table rules let them see, as one JSON
/// file behind a short-lived link bound to them (or the counts per table when downloads are not switched on).
/// </summary>
public sealed class MyDataCommand : ICommand
{
    private readonly PersonScopes _scopes;
    private readonly PersonalDataExport _export;
    private readonly DownloadStore _downloads;
    private readonly ReportSettings _settings;
    private readonly TimeProvider _time;

    public MyDataCommand(PersonScopes scopes, PersonalDataExport export, DownloadStore downloads, IOptions<ReportSettings> settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _scopes = scopes;
        _export = export;
        _downloads = downloads;
        _settings = settings.Value;
        _time = time;
    }

    public CommandInfo Info { get; } = new("my data", "Gives you everything MentorBot stores about you, as a download only you can open.", CommandScopes.Personal)
    {
        IsHeavy = true,
    };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.UserId is not { Length: > 0 } userId || !Guid.TryParse(userId, out _) || turn.TenantId is not { Length: > 0 } tenantId)
        {
            turn.Reply("I can't tell who you are in this chat, so I can't look up your data.");
            return;
        }

        var scope = await _scopes.ForAsync(tenantId, new Person(userId, turn.UserName ?? userId, null, null), cancellationToken).ConfigureAwait(false);
        var data = await _export.BuildAsync(scope, cancellationToken).ConfigureAwait(false);
        if (_settings.PublicBaseUrl is not { } baseUrl)
        {
            var counts = data.Counts.Count == 0
                ? "nothing"
                : string.Join(", ", data.Counts.Select(c => $"{c.Key}: {c.Value.ToString(CultureInfo.InvariantCulture)}"));
            turn.Reply($"Downloads are not enabled for this bot (the setting Reports:PublicBaseUrl is missing), so I can't send you the file. " +
                $"What I store about you, rows per table: {counts}. Ask your IT team or a coordinator for a copy.");
            return;
        }

        if (data.Json.Length > DownloadStore.MaxCharacters)
        {
            turn.Reply("Your data is larger than one download can hold. Please ask a program coordinator to export it for you.");
            return;
        }

        var fileName = $"my-data-{_time.GetUtcNow():yyyy-MM-dd}.json";
        var token = await _downloads.IssueAsync(tenantId, userId, fileName, "application/json; charset=utf-8", data.Json, cancellationToken).ConfigureAwait(false);
        turn.Reply(DataRightsCards.MyData(fileName, new Uri(baseUrl, $"downloads/{token}"), DownloadStore.Lifetime, data.Counts));
    }
}
