using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>Asks a party the questions that had to wait (they were answering another pair's questions at the time).</summary>
public sealed class ExpectationsStartJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly ExpectationsStarter _starter;

    public ExpectationsStartJob(PairStore pairs, ProgramStore programs, ExpectationsStarter starter)
    {
        _pairs = pairs;
        _programs = programs;
        _starter = starter;
    }

    public string Kind => ExpectationsJobs.StartKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = ExpectationsJobs.PairOf(job);
        var found = await _pairs.GetAsync(key.TenantId, key.ProgramId, key.PairId, cancellationToken).ConfigureAwait(false);
        if (found is not { Pair: { IsClosed: false, Stage: PairStage.Expectations } pair } || !Enum.TryParse<PairRole>(job.Get("role"), out var role))
        {
            return;
        }

        var program = await _programs.GetAsync(key.TenantId, key.ProgramId, cancellationToken).ConfigureAwait(false);
        await _starter.StartAsync(pair, role, ExpectationsJobs.StartMessageKey(pair, role), leadText: null, program?.Program.Channel.ServiceUrl, cancellationToken)
            .ConfigureAwait(false);
    }
}
