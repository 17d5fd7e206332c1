using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Features.Escalations;

/// <summary>Posts a stored alert's card in the coordinators channel (<see cref="EscalationAlerts.PostAsync"/>); the job names the alert only.</summary>
public sealed class AlertPostJob : IJobHandler
{
    public const string JobKind = "alerts.post";

    private readonly EscalationAlerts _alerts;

    public AlertPostJob(EscalationAlerts alerts)
    {
        _alerts = alerts;
    }

    public string Kind => JobKind;

    public static Job For(EscalationAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new Job(JobKind, $"{alert.TenantId}/{alert.ProgramId}/{alert.AlertId}", Job.RightAfterTheTurn)
        {
            Data = new Dictionary<string, string> { ["tenant"] = alert.TenantId, ["program"] = alert.ProgramId, ["alert"] = alert.AlertId },
        };
    }

    public async Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Get("tenant") is { } tenant && job.Get("program") is { } program && job.Get("alert") is { } alert)
        {
            await _alerts.PostAsync(tenant, program, alert, cancellationToken).ConfigureAwait(false);
        }
    }
}
