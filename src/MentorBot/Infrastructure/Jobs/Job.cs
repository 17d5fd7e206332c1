using System.Text.Json.Serialization;

namespace MentorBot.Infrastructure.Jobs;

/// <summary>
/// A piece of background work that must happen once, at or after <see cref="DueAt"/>: a reminder, a nudge, a
/// scan. Its <see cref="Kind"/> and <see cref="Key"/> name it deterministically, so scheduling it twice does nothing.
/// </summary>
public sealed record Job(string Kind, string Key, DateTimeOffset DueAt)
{
    /// <summary>
    /// The due time of a turn's follow-up (<c>Turn.RunAfter</c>), which runs right after the answer, not from the
    /// store; only a stored retry of it is given a real time.
    /// </summary>
    public static readonly DateTimeOffset RightAfterTheTurn = DateTimeOffset.MinValue;

    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    public int Attempts { get; init; }

    /// <summary>
    /// What the turn that scheduled this follow-up had read from storage already, for the run right after its answer in
    /// the same process, so that run does not read it all again (a check-in answer read its pair, program, meeting and
    /// answers twice). Never stored: a stored retry, or a takeover after a crash, loads what it needs itself.
    /// </summary>
    [JsonIgnore]
    public object? Loaded { get; init; }

    public string? Get(string name) => Data.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Runs the jobs of one kind. Must be safe to run again: a job can be retried after a crash or a failure.</summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(Job job, CancellationToken cancellationToken);
}
