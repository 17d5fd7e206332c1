using MentorBot.Features.Pairs;
using MentorBot.Features.Programs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// On each reminder day, a party who has not finished the questions gets a nudge with the question they are at;
/// a party who finished gets nothing. Closed pairs, and pairs past the expectations stage, get nothing.
/// </summary>
public sealed class ExpectationsReminderJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly ProgramStore _programs;
    private readonly ExpectationsStarter _starter;

    public ExpectationsReminderJob(PairStore pairs, ProgramStore programs, ExpectationsStarter starter)
    {
        _pairs = pairs;
        _programs = programs;
        _starter = starter;
    }

    public string Kind => ExpectationsJobs.ReminderKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = ExpectationsJobs.PairOf(job);
        var found = await _pairs.GetAsync(key.TenantId, key.ProgramId, key.PairId, cancellationToken).ConfigureAwait(false);
        if (found is not { Pair: { IsClosed: false } pair } || pair.Stage > PairStage.Expectations)
        {
            return;
        }

        var program = await _programs.GetAsync(key.TenantId, key.ProgramId, cancellationToken).ConfigureAwait(false);
        foreach (var role in new[] { PairRole.Mentor, PairRole.Mentee })
        {
            var text = $"A gentle reminder: your expectations questions for your mentorship with {pair.PartnerOf(role).Name} aren't finished yet. "
                + "They take about five minutes, and they're what your agreement is made of.";
            await _starter.StartAsync(pair, role, $"expectations/{pair.PairId}/{ExpectationsJobs.Role(role)}/reminder/day-{job.Get("day")}", text,
                program?.Program.Channel.ServiceUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
