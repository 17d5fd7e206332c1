using MentorBot.Infrastructure.Jobs;

namespace MentorBot.Conversations;

/// <summary>Removes the invoke answers of one ten-minute bucket once the channel can no longer redeliver them.</summary>
public sealed class ForgetInvokeAnswersJob : IJobHandler
{
    public const string JobKind = "ledger.forget-answers";

    private readonly InvokeAnswerStore _answers;

    public ForgetInvokeAnswersJob(InvokeAnswerStore answers)
    {
        _answers = answers;
    }

    public string Kind => JobKind;

    /// <summary>One job per bucket: the key is the bucket, so every instance scheduling it schedules it once.</summary>
    public static Job For(string bucket, DateTimeOffset dueAt) => new(JobKind, bucket, dueAt) { Data = new Dictionary<string, string> { ["bucket"] = bucket } };

    public Task RunAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Get("bucket") is { } bucket ? _answers.ForgetAsync(bucket, cancellationToken) : Task.CompletedTask;
    }
}
