using System.Globalization;
using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Expectations;

/// <summary>
/// What follows a confirmation, after the person who pressed has their answer: a version both have confirmed moves the
/// pair to its first phase and both are told (<see cref="AgreementPublisher.FinishIfConfirmedAsync"/>, safe to repeat).
/// The agreement is read again from storage: the job names it, nothing more.
/// </summary>
public sealed class AgreementConfirmedJob : IJobHandler
{
    private readonly AgreementStore _agreements;
    private readonly AgreementPublisher _publisher;

    public AgreementConfirmedJob(AgreementStore agreements, AgreementPublisher publisher)
    {
        _agreements = agreements;
        _publisher = publisher;
    }

    public string Kind => ExpectationsJobs.ConfirmedKind;

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!int.TryParse(job.Get("version"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
        {
            return;
        }

        var history = await _agreements.HistoryAsync(ExpectationsJobs.PairOf(job), cancellationToken).ConfigureAwait(false);
        if (history.FirstOrDefault(a => a.Version == version) is { } agreement)
        {
            await _publisher.FinishIfConfirmedAsync(agreement, job.Get("serviceUrl"), cancellationToken).ConfigureAwait(false);
        }
    }
}
