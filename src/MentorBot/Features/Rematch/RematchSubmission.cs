using MentorBot.Cards;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// A confirmed request: stored once, the coordinators alerted once, the requester answered privately. A second
/// request about the same pair while one is open raises nothing. Nothing goes to the partner.
/// </summary>
public sealed class RematchSubmission
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly RematchRequestStore _requests;
    private readonly RematchCoordinatorThread _thread;
    private readonly TimeProvider _time;

    public RematchSubmission(PairStore pairs, ProgramStore programs, RematchRequestStore requests, RematchCoordinatorThread thread, TimeProvider time)
    {
        _pairs = pairs;
        _programs = programs;
        _requests = requests;
        _thread = thread;
        _time = time;
    }

    public const string AlreadyWithCoordinator =
        "Your request about this pairing is already with your coordinator, so I haven't sent another one. Type \"rematch withdraw\" if you'd like to withdraw it.";

    public async Task SubmitAsync(Turn turn, RematchPairChoice choice, RematchAnswers answers, CancellationToken cancellationToken)
    {
        var userId = turn.UserId;
        var tenantId = turn.TenantId;
        var pair = userId is null || tenantId is null
            ? null
            : (await _pairs.GetAsync(tenantId, choice.ProgramId, choice.PairId, cancellationToken).ConfigureAwait(false))?.Pair;
        var role = pair is null || userId is null ? null : pair.RoleOf(userId);
        if (pair is null || role is null || pair.IsClosed)
        {
            turn.Reply("That pairing has ended or I can't find it any more, so nothing was sent.");
            return;
        }

        var program = (await _programs.GetAsync(pair.TenantId, pair.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
        if (program is null)
        {
            turn.Reply("I can't find the program this pairing belongs to, so nothing was sent. Please tell your program coordinator directly.");
            return;
        }

        var mine = (await _requests.ForPairAsync(pair.TenantId, pair.PairId, cancellationToken).ConfigureAwait(false))
            .Where(r => string.Equals(r.RequesterId, userId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var partnerName = pair.PartnerOf(role.Value).Name;

        // This very confirmation, handled before and interrupted (or retried): finish it rather than refuse it.
        if (mine.FirstOrDefault(r => r.DialogInstance == answers.DialogInstance) is { } same)
        {
            if (same.IsOpen)
            {
                await _thread.OpenAsync(same, cancellationToken).ConfigureAwait(false);
            }

            turn.Reply(RematchRequestCard.Create(same, partnerName));
            return;
        }

        if (mine.Any(r => r.IsOpen))
        {
            turn.Reply(AlreadyWithCoordinator);
            return;
        }

        var requester = pair.Party(role.Value);
        var request = new RematchRequest
        {
            TenantId = pair.TenantId,
            ProgramId = pair.ProgramId,
            PairId = pair.PairId,
            RequestId = RematchRequest.IdFor(pair.PairId, requester.Id, mine.Count),
            RequesterId = requester.Id,
            RequesterName = requester.Name,
            RequesterUpn = requester.Upn ?? requester.Mail,
            Role = role.Value,
            PairDescription = pair.Description,
            Category = answers.Category,
            Details = answers.Details,
            Urgency = answers.Urgency,
            RequestedAt = _time.GetUtcNow(),
            DialogInstance = answers.DialogInstance,
        };

        if (!await _requests.TryAddAsync(request, cancellationToken).ConfigureAwait(false))
        {
            // Another confirmation got there first; run again on what it wrote.
            throw new ConcurrentUpdateException("Another rematch request for this pair and person was stored at the same time.");
        }

        await _thread.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        turn.Reply(RematchRequestCard.Create(request, partnerName));
    }
}
