using System.Text.Json;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Registration;

/// <summary>
/// A file a user sent the bot in personal chat: an attachment of type
/// <c>application/vnd.microsoft.teams.file.download.info</c> whose content holds a short-lived, pre-authorised
/// <c>downloadUrl</c>, the file's <c>uniqueId</c> and <c>fileType</c> (protocol.md I).
/// </summary>
public sealed record TeamsFile(string Name, string FileType, string? UniqueId, Uri? DownloadUrl)
{
    public const string ContentType = "application/vnd.microsoft.teams.file.download.info";

    public bool IsCsv =>
        string.Equals(FileType, "csv", StringComparison.OrdinalIgnoreCase) || Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first file the activity carries, or null.</summary>
    public static TeamsFile? From(Activity activity)
    {
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (!string.Equals(attachment.ContentType, ContentType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var content = attachment.Content switch
            {
                JsonElement element => element,
                null => default,
                var other => JsonSerializer.SerializeToElement(other, ProtocolJson.Options),
            };
            var url = Text(content, "downloadUrl");
            var fileType = Text(content, "fileType") ?? Path.GetExtension(attachment.Name ?? string.Empty).TrimStart('.');
            return new TeamsFile(attachment.Name ?? "the file", fileType, Text(content, "uniqueId"),
                Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null);
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
