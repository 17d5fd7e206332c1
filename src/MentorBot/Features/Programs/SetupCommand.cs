using MentorBot.Conversations;

namespace MentorBot.Features.Programs;

/// <summary>
/// "setup [program name]" in a team channel, by a coordinator: creates the program with default settings and makes
/// this channel its coordinators channel, or moves an existing program's alerts here.
/// </summary>
public sealed class SetupCommand : ICommand
{
    private readonly CoordinatorGuard _guard;
    private readonly ProgramStore _programs;
    private readonly TimeProvider _time;

    public SetupCommand(CoordinatorGuard guard, ProgramStore programs, TimeProvider time)
    {
        _guard = guard;
        _programs = programs;
        _time = time;
    }

    public CommandInfo Info { get; } = new("setup", "Sets up a program with this channel as its coordinators channel (coordinators only).",
        CommandScopes.Channel, "setup <program name>");

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!await _guard.AllowAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var activity = turn.Activity;
        var tenantId = turn.TenantId;
        var channelId = activity.ChannelData?.Channel?.Id ?? turn.ConversationId.Split(';')[0];
        if (tenantId is null || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            turn.Reply("I can't tell which tenant or channel this is, so nothing was set up.");
            return;
        }

        var name = arguments.Length > 0 ? arguments.Trim() : activity.ChannelData?.Team?.Name ?? "Mentorship program";
        if (name.Length > 100)
        {
            turn.Reply("That program name is longer than 100 characters; please use a shorter one.");
            return;
        }

        var channel = new CoordinatorsChannel(activity.ServiceUrl, channelId, activity.ChannelData?.Team?.Id, activity.ChannelData?.Channel?.Name);
        var programId = ProgramIds.FromName(name);
        var existing = await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false);
        if (existing is { } found)
        {
            if (found.Program.Channel.ChannelId == channelId)
            {
                turn.Reply(ProgramCard.Create(found.Program, "This program is already set up here"));
                return;
            }

            var moved = found.Program with { Channel = channel };
            await _programs.SaveAsync(moved, found.ETag, cancellationToken).ConfigureAwait(false);
            turn.Reply(ProgramCard.Create(moved, "Alerts for this program now come to this channel"));
            return;
        }

        var program = new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = programId,
            Name = name,
            Channel = channel,
            CreatedBy = turn.UserId,
            CreatedAt = _time.GetUtcNow(),
        };
        await _programs.SaveAsync(program, null, cancellationToken).ConfigureAwait(false);
        turn.Reply(ProgramCard.Create(program, "Program set up"));
    }
}
