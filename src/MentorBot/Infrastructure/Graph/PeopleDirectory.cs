using MentorBot.Features.Pairs;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace MentorBot.Infrastructure.Graph;

/// <summary>
/// Finds people in the tenant through Graph by Entra object id, UPN or any of their addresses (mail, an alias in
/// proxyAddresses, otherMails), and returns them keyed by object id with every address meetings may name them by.
/// </summary>
public sealed class PeopleDirectory
{
    private static readonly string[] Fields = ["id", "displayName", "mail", "userPrincipalName", "otherMails", "proxyAddresses"];

    private readonly GraphServiceClient _graph;

    public PeopleDirectory(GraphServiceClient graph)
    {
        _graph = graph;
    }

    /// <summary>The person, or null when nobody in the tenant has that id or address. Throws when Graph cannot be reached.</summary>
    public async Task<Person?> FindAsync(string idOrAddress, CancellationToken cancellationToken)
    {
        var value = idOrAddress.Trim();
        if (value.Length == 0 || value.Length > 320)
        {
            return null;
        }

        // Only an object id goes into the path: URL paths are recorded in traces, and an address there would name the
        // person; addresses (UPNs included) are looked up with a filter, whose query traces redact.
        if (Guid.TryParse(value, out _))
        {
            return await FindByIdAsync(value, cancellationToken).ConfigureAwait(false);
        }

        if (!value.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var escaped = value.Replace("'", "''", StringComparison.Ordinal);
        var byMail = await _graph.Users.GetAsync(r =>
        {
            // proxyAddresses and otherMails take any/eq as a default query (graph-docs resources/user.md, property filters).
            r.QueryParameters.Filter = $"mail eq '{escaped}' or userPrincipalName eq '{escaped}' or proxyAddresses/any(p:p eq 'smtp:{escaped}') or otherMails/any(o:o eq '{escaped}')";
            r.QueryParameters.Select = Fields;
        }, cancellationToken).ConfigureAwait(false);
        var match = byMail?.Value?.FirstOrDefault();
        return match is null ? null : ToPerson(match);
    }

    private async Task<Person?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var user = await _graph.Users[id].GetAsync(r => r.QueryParameters.Select = Fields, cancellationToken).ConfigureAwait(false);
            return user is null ? null : ToPerson(user);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404 || error.ResponseStatusCode == 400)
        {
            return null;
        }
    }

    private static Person ToPerson(Microsoft.Graph.Models.User user)
    {
        var addresses = new List<string>();
        void Add(string? address)
        {
            if (!string.IsNullOrWhiteSpace(address) && !addresses.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                addresses.Add(address);
            }
        }

        Add(user.Mail);
        Add(user.UserPrincipalName);
        foreach (var other in user.OtherMails ?? [])
        {
            Add(other);
        }

        foreach (var proxy in user.ProxyAddresses ?? [])
        {
            // "SMTP:primary@x" and "smtp:alias@x"; "X500:/o=.../cn=..." is the legacy Exchange address some attendee
            // entries carry instead of a mail address, so it is kept (without its prefix) for meeting matching; SIP is not.
            if (proxy.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase))
            {
                Add(proxy[5..]);
            }
            else if (proxy.StartsWith("x500:", StringComparison.OrdinalIgnoreCase))
            {
                Add(proxy[5..]);
            }
        }

        return new Person(user.Id!, user.DisplayName ?? user.UserPrincipalName ?? user.Id!, user.Mail, user.UserPrincipalName) { Addresses = addresses };
    }
}
