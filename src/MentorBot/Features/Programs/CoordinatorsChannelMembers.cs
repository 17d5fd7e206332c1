using MentorBot.Conversations;
using MentorBot.Protocol.Connector;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Programs;

/// <summary>
/// Who reads a program's coordinators channel, from Teams' member list ("Get conversation members"): the people who
/// are not its coordinators (setup names them, since they see every alert without what was said), and the Teams ids
/// of coordinators recorded before Teams ids were kept, which their user-specific view of an alert needs.
/// </summary>
public sealed class CoordinatorsChannelMembers
{
    private readonly ConnectorClient _connector;
    private readonly ProgramStore _programs;

    public CoordinatorsChannelMembers(ConnectorClient connector, ProgramStore programs)
    {
        _connector = connector;
        _programs = programs;
    }

    /// <summary>The names of the channel's members who are not coordinators of the program, or null when Teams did not say.</summary>
    public async Task<IReadOnlyList<string>?> OthersAsync(MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        return await MembersAsync(program, cancellationToken).ConfigureAwait(false) is { } members
            ? members.Where(m => !program.IsCoordinator(m.EntraObjectId)).Select(m => m.Name ?? "someone without a name").ToList()
            : null;
    }

    /// <summary>
    /// The program with every coordinator's Teams id that the channel's member list gives, saved when one was missing.
    /// Best effort: when Teams or storage does not answer, the program as it was (alerts then reach fewer views).
    /// </summary>
    public async Task<MentorshipProgram> WithTeamsIdsAsync(MentorshipProgram program, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Coordinators.All(c => c.TeamsId is not null))
        {
            return program;
        }

        // The copy in hand may be older than what another step just completed and saved: storage before Teams.
        if (await _programs.GetAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return program;
        }

        if (stored.Program.Coordinators.All(c => c.TeamsId is not null)
            || await MembersAsync(stored.Program, cancellationToken).ConfigureAwait(false) is not { } members)
        {
            return stored.Program;
        }

        var teamsIds = members.Where(m => m.EntraObjectId is not null && m.Id is not null)
            .GroupBy(m => m.EntraObjectId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id!, StringComparer.OrdinalIgnoreCase);
        var completed = stored.Program with
        {
            Coordinators = stored.Program.Coordinators
                .Select(c => c.TeamsId is null && teamsIds.TryGetValue(c.UserId, out var teamsId) ? c with { TeamsId = teamsId } : c)
                .ToList(),
        };
        if (completed.Coordinators.SequenceEqual(stored.Program.Coordinators))
        {
            return stored.Program;
        }

        try
        {
            await _programs.SaveAsync(completed, stored.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrentUpdateException)
        {
            // Someone changed the program meanwhile (coordinators added?): this alert uses what was found, the next one
            // completes the stored program.
        }

        return completed;
    }

    private async Task<IReadOnlyList<ChannelAccount>?> MembersAsync(MentorshipProgram program, CancellationToken cancellationToken)
    {
        try
        {
            var members = await _connector.GetMembersAsync(program.Channel.ServiceUrl, program.Channel.ChannelId, cancellationToken).ConfigureAwait(false);
            return members.Where(m => !m.IsBot).ToList();
        }
        catch (Exception ex) when (ex is ConnectorException or UntrustedServiceUrlException or HttpRequestException)
        {
            // Knowing who else reads the channel helps but is not needed: the alert or setup goes ahead without it.
            return null;
        }
    }
}
