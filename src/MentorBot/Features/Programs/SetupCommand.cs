using MentorBot.Conversations;
using MentorBot.Conversations.Access;

namespace MentorBot.Features.Programs;

/// <summary>
/// "setup [program name]" in a team channel, by a program administrator: creates the program with default settings,
/// makes this channel its coordinators channel and the sender its first coordinator. It never takes over another
/// program's channel, and an existing program moves here only when one of its own coordinators confirms.
/// </summary>
public sealed class SetupCommand : ICommand
{
    private readonly ProgramStore _programs;
    private readonly CoordinatorsChannelMembers _channelMembers;
    private readonly TimeProvider _time;

    public SetupCommand(ProgramStore programs, CoordinatorsChannelMembers channelMembers, TimeProvider time)
    {
        _programs = programs;
        _channelMembers = channelMembers;
        _time = time;
    }

    public CommandInfo Info { get; } = new("setup", "Sets up a program with this channel as its coordinators channel (program administrators only).",
        CommandScopes.Channel, "setup <program name>") { Audience = Audience.ProgramAdministrator };

    public async Task HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var activity = turn.Activity;
        var tenantId = turn.TenantId!;
        var channelId = ChannelPrograms.ChannelIdOf(turn);
        var name = arguments.Length > 0 ? arguments.Trim() : activity.ChannelData?.Team?.Name ?? "Mentorship program";
        if (name.Length > 100)
        {
            turn.Reply("That program name is longer than 100 characters; please use a shorter one.");
            return;
        }

        var programId = ProgramIds.FromName(name);
        var here = await _programs.FindByChannelAsync(tenantId, channelId, cancellationToken).ConfigureAwait(false);
        if (here is not null)
        {
            turn.Reply(here.ProgramId == programId
                ? ProgramCard.Create(here, "This program is already set up here")
                : ProgramCard.Create(here, $"This channel already belongs to \"{here.Name}\". Nothing was changed; set up \"{name}\" in another channel"));
            return;
        }

        if (await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // Its own coordinators decide whether its alerts (with what pairs wrote) may be read in this channel.
            turn.Reply(MoveProgramCard.Create(existing.Program));
            return;
        }

        var program = new MentorshipProgram
        {
            TenantId = tenantId,
            ProgramId = programId,
            Name = name,
            Channel = new CoordinatorsChannel(activity.ServiceUrl!, channelId, activity.ChannelData?.Team?.Id, activity.ChannelData?.Channel?.Name),
            CreatedBy = turn.UserId,
            CreatedAt = _time.GetUtcNow(),
            Coordinators = [new ProgramCoordinator(turn.UserId!, activity.From?.Id, turn.UserName)],
        };
        await _programs.SaveAsync(program, null, cancellationToken).ConfigureAwait(false);
        turn.Reply(ProgramCard.Create(program, "Program set up"));
        if (ChannelReadersNotice.For(program, await _channelMembers.OthersAsync(program, cancellationToken).ConfigureAwait(false)) is { } notice)
        {
            turn.Reply(notice);
        }
    }
}
