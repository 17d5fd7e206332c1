using Azure;
using MentorBot.Conversations;
using MentorBot.Conversations.Access;
using MentorBot.Features.Pairs;
using MentorBot.Protocol.Schema;

namespace MentorBot.Features.Programs;

/// <summary>
/// The router's access check (<see cref="ITurnAccess"/>): loads the program or pair a turn is about from storage (the
/// card names it; the channel a command is typed in names its program) and admits the sender only for the declared
/// audience. A refusal says why and nothing else happens.
/// </summary>
public sealed class ProgramAccess : ITurnAccess
{
    private readonly ProgramStore _programs;
    private readonly PairStore _pairs;
    private readonly CoordinatorDirectory _administrators;

    public ProgramAccess(ProgramStore programs, PairStore pairs, CoordinatorDirectory administrators)
    {
        _programs = programs;
        _pairs = pairs;
        _administrators = administrators;
    }

    public async Task<bool> AdmitAsync(Turn turn, Audience audience, CardActionInput? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (audience == Audience.Anyone)
        {
            return true;
        }

        if (turn.UserId is not { } userId || turn.TenantId is not { } tenantId)
        {
            turn.Answer("I can't tell who you are in your organisation, so nothing was done.");
            return false;
        }

        return audience switch
        {
            Audience.ProgramAdministrator => await IsAdministratorAsync(turn, userId, answer: true, cancellationToken).ConfigureAwait(false),
            Audience.PairParty => await AdmitPartyAsync(turn, userId, tenantId, action, cancellationToken).ConfigureAwait(false),
            _ => await AdmitCoordinatorAsync(turn, userId, tenantId, audience, action, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<bool> AdmitPartyAsync(Turn turn, string userId, string tenantId, CardActionInput? action, CancellationToken cancellationToken)
    {
        var found = await PairAsync(tenantId, action ?? throw new InvalidOperationException("Only card actions can be for the parties of a pair."),
            cancellationToken).ConfigureAwait(false);
        if (found is not { } pair)
        {
            turn.Answer("I can't find the mentoring pair this card is about. Nothing was changed.");
            return false;
        }

        if (pair.Pair.RoleOf(userId) is null)
        {
            turn.Answer("Only the mentor and the mentee of this pair can use this card, and it was sent to someone else. Nothing was changed.");
            return false;
        }

        var program = (await _programs.GetAsync(tenantId, pair.Pair.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
        turn.Subject = new ProgramSubject(program, pair.Pair, pair.ETag, []);
        return true;
    }

    private async Task<bool> AdmitCoordinatorAsync(
        Turn turn, string userId, string tenantId, Audience audience, CardActionInput? action, CancellationToken cancellationToken)
    {
        MentorshipProgram? program;
        (Pair Pair, ETag ETag)? pair = null;
        if (action is not null)
        {
            program = action.Get("program") is { } programId
                ? (await _programs.GetAsync(tenantId, programId, cancellationToken).ConfigureAwait(false))?.Program
                : null;
            if (program is null)
            {
                turn.Answer("I can't find the program this card is about. Nothing was changed.");
                return false;
            }

            if (action.Get("pair") is not null)
            {
                pair = await PairAsync(tenantId, action, cancellationToken).ConfigureAwait(false);
                if (pair is null)
                {
                    turn.Answer("I can't find the mentoring pair this card is about any more. Nothing was changed.");
                    return false;
                }
            }
        }
        else if (turn.ConversationType == ConversationTypes.Channel && audience != Audience.CoordinatorOfAnyProgram)
        {
            program = await _programs.FindByChannelAsync(tenantId, ChannelPrograms.ChannelIdOf(turn), cancellationToken).ConfigureAwait(false);
            if (program is null)
            {
                turn.Answer("No program uses this channel yet. A program administrator can mention me with \"setup <program name>\" here first.");
                return false;
            }
        }
        else
        {
            // A personal chat names no program: the handler may act on the programs the sender coordinates.
            var coordinated = (await _programs.ListAsync(tenantId, cancellationToken).ConfigureAwait(false)).Where(p => p.IsCoordinator(userId)).ToList();
            if (coordinated.Count == 0)
            {
                turn.Answer("Only program coordinators can do that, and you don't coordinate a program. Nothing was changed.");
                return false;
            }

            turn.Subject = new ProgramSubject(null, null, default, coordinated);
            return true;
        }

        if (!program.IsCoordinator(userId)
            && !(audience == Audience.ProgramCoordinatorOrAdministrator
                && await IsAdministratorAsync(turn, userId, answer: false, cancellationToken).ConfigureAwait(false)))
        {
            turn.Answer($"Only program coordinators of \"{program.Name}\" can do that, and you are not one of them. Nothing was changed. " +
                "One of its coordinators can add you by mentioning me with \"coordinators add @you\" in its channel.");
            return false;
        }

        turn.Subject = new ProgramSubject(program, pair?.Pair, pair?.ETag ?? default, []);
        return true;
    }

    private async Task<(Pair Pair, ETag ETag)?> PairAsync(string tenantId, CardActionInput action, CancellationToken cancellationToken) =>
        action.Get("program") is { } programId && action.Get("pair") is { } pairId
            ? await _pairs.GetAsync(tenantId, programId, pairId, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<bool> IsAdministratorAsync(Turn turn, string userId, bool answer, CancellationToken cancellationToken)
    {
        switch (await _administrators.CheckAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            case CoordinatorCheck.Yes:
                return true;
            case CoordinatorCheck.Unavailable when answer:
                turn.Answer("I couldn't confirm that you are a program administrator just now (the directory did not answer). Nothing was changed; please try again in a minute.");
                return false;
            default:
                if (answer)
                {
                    turn.Answer("Only program administrators can do that. Nothing was changed. Ask your IT team to add you to the program administrators (Coordinators:UserIds or Coordinators:GroupIds).");
                }

                return false;
        }
    }
}
