using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Rematch;

/// <summary>
/// The coordinators' thread of a request, after the answer of the turn that changed it: opening it (alert and decision
/// card) or showing its outcome. The job names the request; what it says is read from storage when it runs.
/// </summary>
public sealed class RematchThreadJob : IJobHandler
{
    public const string JobKind = "rematch.thread";

    private readonly RematchRequestStore _requests;
    private readonly ProgramStore _programs;
    private readonly RematchCoordinatorThread _thread;

    public RematchThreadJob(RematchRequestStore requests, ProgramStore programs, RematchCoordinatorThread thread)
    {
        _requests = requests;
        _programs = programs;
        _thread = thread;
    }

    public string Kind => JobKind;

    public static Job Open(RematchRequest request) => For(request, "open");

    public static Job Outcome(RematchRequest request, RematchOutcome outcome) => For(request, outcome.ToString().ToLowerInvariant());

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is not { } tenant || job.Get("pair") is not { } pairId || job.Get("request") is not { } requestId
            || await _requests.GetAsync(tenant, pairId, requestId, cancellationToken).ConfigureAwait(false) is not { Request: var request })
        {
            return;
        }

        var program = (await _programs.GetAsync(tenant, request.ProgramId, cancellationToken).ConfigureAwait(false))?.Program;
        var step = job.Get("step");
        if (step == "open")
        {
            // Decided or withdrawn before this ran: there is nothing left to decide on.
            if (program is not null && request.IsOpen)
            {
                await _thread.OpenNowAsync(program, request, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (Enum.TryParse<RematchOutcome>(step, ignoreCase: true, out var outcome))
        {
            await _thread.ShowOutcomeNowAsync(program, request, outcome, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Job For(RematchRequest request, string step)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Job(JobKind, $"{request.TenantId}/{request.RequestId}/{step}", Job.RightAfterTheTurn)
        {
            Data = new Dictionary<string, string> { ["tenant"] = request.TenantId, ["pair"] = request.PairId, ["request"] = request.RequestId, ["step"] = step },
        };
    }
}
