using Person = MentorBot.Features.Pairs.Person;
using MentorBot.Hosting;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// Creates a Teams meeting in someone's calendar through Graph, where the tenant permits it: it needs the
/// Calendars.ReadWrite application permission, which is more than MentorBot otherwise asks for, so it is off unless
/// the setting Graph:CreateMeetings is true. When it is off or refused, callers fall back to a Teams deep link.
/// </summary>
public sealed class TeamsMeetingScheduler
{
    public const string SettingKey = "Graph:CreateMeetings";

    private readonly GraphServiceClient _graph;
    private readonly bool _enabled;

    public TeamsMeetingScheduler(GraphServiceClient graph, IConfiguration configuration)
    {
        _graph = graph;
        _enabled = string.Equals(configuration[SettingKey], "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The meeting's Teams join link, or null when creating meetings is not enabled or not permitted, or Graph gave no
    /// join link (the organizer's Outlook webLink is no use to anyone else, so it is never offered instead).
    /// Invitations go to each person's mail address (a guest's UPN receives no mail). <paramref name="transactionId"/>
    /// names this meeting for good, so a POST the SDK retries creates nothing twice (graph-docs resources/event.md, transactionId).
    /// </summary>
    public async Task<Uri?> TryCreateAsync(string organizerId, string subject, DateTimeOffset start, TimeSpan length, IEnumerable<Person> attendees,
        string transactionId, CancellationToken cancellationToken)
    {
        if (!_enabled)
        {
            return null;
        }

        var meeting = new Event
        {
            Subject = subject,
            Start = new DateTimeTimeZone { DateTime = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" },
            End = new DateTimeTimeZone { DateTime = (start + length).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), TimeZone = "UTC" },
            IsOnlineMeeting = true,
            TransactionId = transactionId,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            Attendees = attendees
                .Select(p => p.Mail ?? p.Upn)
                .OfType<string>()
                .Where(a => !string.IsNullOrWhiteSpace(a))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(a => new Attendee { Type = AttendeeType.Required, EmailAddress = new EmailAddress { Address = a } })
                .ToList(),
        };

        try
        {
            var created = await _graph.Users[organizerId].Events.PostAsync(meeting, cancellationToken: cancellationToken).ConfigureAwait(false);
            var link = created?.OnlineMeeting?.JoinUrl;
            return Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (ODataError error) when (error.ResponseStatusCode is 401 or 403 or 404)
        {
            // Not granted in this tenant, or the organiser has no mailbox: the deep link does the job instead.
            return null;
        }
    }
}
