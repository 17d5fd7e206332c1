namespace MentorBot.Conversations.Dialogs;

/// <summary>Where one person is in one multi-step conversation. Stored per conversation and user, so it survives restarts.</summary>
public sealed class DialogState
{
    /// <summary>Changes every time a dialog starts, so a card from an earlier run is recognised as stale.</summary>
    public string InstanceId { get; set; } = string.Empty;

    public string DialogId { get; set; } = string.Empty;

    public int StepIndex { get; set; }

    /// <summary>Answers so far, by step key.</summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the dialog was started with (e.g. the pair and the role).</summary>
    public Dictionary<string, string> Options { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many times the current step was answered with something invalid.</summary>
    public int Retries { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Dialogs waiting behind this one for the same person, first to run first: an interrupted dialog (suspended, with
    /// its place kept) or one queued for another pair. Kept in the same row so one ETag guards the whole line.
    /// </summary>
    public List<DialogState> Waiting { get; set; } = [];

    public string? Option(string key) => Options.TryGetValue(key, out var value) ? value : null;

    public string? Value(string key) => Values.TryGetValue(key, out var value) ? value : null;
}
