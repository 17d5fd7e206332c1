namespace MentorBot.Testing;

/// <summary>Thread-safe list of recorded connector calls that tests can wait on.</summary>
internal sealed class ConnectorCallLog
{
    private readonly Lock _gate = new();
    private readonly List<RecordedConnectorCall> _calls = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(RecordedConnectorCall call)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _calls.Add(call);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    public IReadOnlyList<RecordedConnectorCall> Snapshot()
    {
        lock (_gate)
        {
            return _calls.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    /// <summary>The first call (already received or still to come) matching the predicate.</summary>
    public async Task<RecordedConnectorCall> WaitAsync(Func<RecordedConnectorCall, bool> predicate, TimeSpan timeout, string what)
    {
        // Real time, not the stand-in's clock: a frozen fake clock must not make waits hang.
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            RecordedConnectorCall[] calls;
            Task changed;
            lock (_gate)
            {
                calls = _calls.ToArray();
                changed = _changed.Task;
            }

            if (calls.FirstOrDefault(predicate) is { } hit)
            {
                return hit;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var received = calls.Length == 0 ? "  (nothing)" : string.Join(Environment.NewLine, calls.Select(c => "  " + c));
                throw new TimeoutException(
                    $"No {what} matched within {timeout.TotalSeconds:0.#} s. The stand-in channel received:{Environment.NewLine}{received}");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
