using System.Globalization;
using MentorBot.Features.Pairs;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// Sends a new version's card to the pair after the answer that made it (<see cref="AgreementPublisher.ShareAsync"/>,
/// keyed per version, so a repeat sends nothing twice). A version that is no longer current by then, or a pair that
/// closed, gets nothing: the newer version's own share shows the pair what is current.
/// </summary>
public sealed class AgreementShareJob : IJobHandler
{
    private readonly PairStore _pairs;
    private readonly AgreementStore _agreements;
    private readonly AgreementPublisher _publisher;

    public AgreementShareJob(PairStore pairs, AgreementStore agreements, AgreementPublisher publisher)
    {
        _pairs = pairs;
        _agreements = agreements;
        _publisher = publisher;
    }

    public string Kind => ExpectationsJobs.ShareKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = ExpectationsJobs.PairOf(job);
        if (!int.TryParse(job.Get("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            || await _pairs.GetAsync(key.TenantId, key.ProgramId, key.PairId, cancellationToken).ConfigureAwait(false) is not { Pair: { IsClosed: false } pair }
            || await _agreements.CurrentAsync(key, cancellationToken).ConfigureAwait(false) is not { Agreement: var current }
            || current.Version != version)
        {
            return;
        }

        await _publisher.ShareAsync(pair, current, job.Get("serviceUrl"), cancellationToken).ConfigureAwait(false);
    }
}
