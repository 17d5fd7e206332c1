using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Programs;

/// <summary>A coordinator of the program confirms moving its alerts into the channel where the card was shown.</summary>
public sealed class MoveProgramAction : ICardActionHandler
{
    private readonly ProgramStore _programs;
    private readonly CoordinatorsChannelMembers _channelMembers;

    public MoveProgramAction(ProgramStore programs, CoordinatorsChannelMembers channelMembers)
    {
        _programs = programs;
        _channelMembers = channelMembers;
    }

    public IReadOnlyCollection<string> Verbs { get; } = [MoveProgramCard.MoveVerb];

    public Audience Audience => Audience.ProgramCoordinator;

    public async Task HandleAsync(Turn turn, CardActionInput action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var program = ProgramSubject.ProgramOf(turn);
        var channelId = ChannelPrograms.ChannelIdOf(turn);
        if (turn.ConversationType != ConversationTypes.Channel || string.IsNullOrEmpty(turn.Activity.ServiceUrl))
        {
            turn.Answer("A program's alerts can only go to a team channel. Nothing was changed.");
            return;
        }

        if (program.Channel.ChannelId == channelId)
        {
            turn.Answer($"\"{program.Name}\" already uses this channel. Nothing was changed.");
            return;
        }

        if (await _programs.FindByChannelAsync(program.TenantId, channelId, cancellationToken).ConfigureAwait(false) is { } other)
        {
            turn.Answer($"This channel already belongs to \"{other.Name}\". Nothing was changed.");
            return;
        }

        if (await _programs.GetAsync(program.TenantId, program.ProgramId, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            turn.Answer("That program no longer exists. Nothing was changed.");
            return;
        }

        var activity = turn.Activity;
        var moved = current.Program with
        {
            Channel = new CoordinatorsChannel(activity.ServiceUrl, channelId, activity.ChannelData?.Team?.Id, activity.ChannelData?.Channel?.Name),
        };
        await _programs.SaveAsync(moved, current.ETag, cancellationToken).ConfigureAwait(false);
        turn.ReplaceCard(ProgramCard.Create(moved, $"Alerts for this program now come to this channel (moved by {turn.UserName ?? "a coordinator"})"));
        if (ChannelReadersNotice.For(moved, await _channelMembers.OthersAsync(moved, cancellationToken).ConfigureAwait(false)) is { } notice)
        {
            turn.Reply(notice);
        }
    }
}
