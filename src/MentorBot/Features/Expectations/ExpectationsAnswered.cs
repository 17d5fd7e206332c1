using MentorBot.Conversations;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// What happens when a party answers the last question: their answers are stored (the same answers twice change
/// nothing), and once both sides have answered, the agreement is drafted and shown to both.
/// </summary>
public sealed class ExpectationsAnswered
{
    private readonly PairStore _pairs;
    private readonly ExpectationsStore _answers;
    private readonly AgreementPublisher _publisher;
    private readonly JobRunner _jobs;
    private readonly TimeProvider _time;

    public ExpectationsAnswered(PairStore pairs, ExpectationsStore answers, AgreementPublisher publisher, JobRunner jobs, TimeProvider time)
    {
        _pairs = pairs;
        _answers = answers;
        _publisher = publisher;
        _jobs = jobs;
        _time = time;
    }

    public async Task HandleAsync(Turn turn, ExpectationsDialogOptions options, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Pair;
        var found = await _pairs.GetAsync(key.TenantId, key.ProgramId, key.PairId, cancellationToken).ConfigureAwait(false);
        if (found is not { } entry || entry.Pair.IsClosed)
        {
            turn.Reply("Your pair has ended, so I haven't saved these answers. Nothing was changed.");
            return;
        }

        var pair = entry.Pair;
        if (turn.UserId is not { } userId || pair.RoleOf(userId) != options.Role)
        {
            turn.Reply("These questions were meant for someone else, so I haven't saved the answers. Nothing was changed.");
            return;
        }

        var answers = ExpectationsAnswers.FromDialogValues(options.Role, values, _time.GetUtcNow());
        var stored = await _answers.GetAsync(key, options.Role, cancellationToken).ConfigureAwait(false);
        var unchanged = stored is { } previous && previous.Answers.SameAnswersAs(answers);
        if (!unchanged)
        {
            await _answers.SaveAsync(key, userId, answers, stored?.ETag, cancellationToken).ConfigureAwait(false);
        }

        var partner = pair.PartnerOf(options.Role);
        var draft = await _publisher.UpdateFromAnswersAsync(pair, options.Role, cancellationToken).ConfigureAwait(false);
        if (draft?.Replaced is { } replaced)
        {
            AgreementPublisher.RefreshCards(turn, replaced, isCurrent: false, exceptActivityId: null);
        }

        if (draft is null)
        {
            turn.Reply($"Thank you, your answers are saved. {partner.Name} hasn't finished theirs yet; as soon as they have, "
                + "I'll show you both your answers side by side, with anything worth talking about.");
        }
        else
        {
            // Shown to the pair after this answer: the reply only says where it will be.
            var where = await _publisher.WhereAsync(pair, cancellationToken).ConfigureAwait(false);
            turn.RunAfter(ExpectationsJobs.Share(draft.Agreement, turn.Activity.ServiceUrl, _time.GetUtcNow()));
            turn.Reply(ReplyFor(draft, unchanged && options.IsRevision, partner.Name, where));
        }

        if (!options.IsRevision)
        {
            await StartWaitingConversationsAsync(pair, userId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ReplyFor(AgreementDraft draft, bool unchanged, string partnerName, string where)
    {
        var agreement = draft.Agreement;
        if (unchanged && !draft.IsNew)
        {
            return "Your answers are the same as before, so your agreement stays as it is. Type \"agreement\" to see it.";
        }

        var differences = agreement.Differences.Count switch
        {
            0 => "I found no differences to talk through",
            1 => "there is one difference worth talking about",
            var n => $"there are {n} differences worth talking about",
        };
        return agreement.RevisedBy is null
            ? $"Thank you, that's everything. {partnerName} has answered too, so your agreement is ready {where}: your answers side by side, and {differences} before you both confirm."
            : $"Thank you. Your new answers made version {agreement.Version} of your agreement, sent {where}; {differences}. You'll both need to confirm it again.";
    }

    /// <summary>
    /// A person in several new pairs answers one set of questions at a time; when one is done, the next pair's
    /// questions are started by a job (it runs after this turn has closed the finished dialog).
    /// </summary>
    private async Task StartWaitingConversationsAsync(Pair finished, string userId, CancellationToken cancellationToken)
    {
        foreach (var other in await _pairs.ForPersonAsync(finished.TenantId, userId, cancellationToken).ConfigureAwait(false))
        {
            if (other.PairId == finished.PairId || other.IsClosed || other.Stage != PairStage.Expectations || other.RoleOf(userId) is not { } role)
            {
                continue;
            }

            if (await _answers.GetAsync(PairKey.Of(other), role, cancellationToken).ConfigureAwait(false) is null)
            {
                await _jobs.ScheduleAsync(ExpectationsJobs.Start(other, role, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
