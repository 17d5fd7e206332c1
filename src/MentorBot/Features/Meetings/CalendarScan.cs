using Azure;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// One scan of one mentor's calendar, holding its lease: continue from the stored delta link (or read the window in
/// full when there is none, it expired, it runs out soon, or a new pair's history is needed), apply each page, and
/// only then store the new position. A failed scan gives the lease back and leaves the stored position as it was.
/// </summary>
internal sealed class CalendarScan
{
    /// <summary>Shorter than the job runner's lease, so a retried job is not turned away by its own dead predecessor.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(4);

    private readonly CalendarSyncStore _sync;
    private readonly CalendarReader _reader;
    private readonly MeetingDiscovery _discovery;
    private readonly TimeProvider _time;
    private CalendarSyncState _state;
    private ETag _etag;

    public CalendarScan(CalendarSyncStore sync, CalendarReader reader, MeetingDiscovery discovery, TimeProvider time, CalendarSyncState leased, ETag etag)
    {
        _sync = sync;
        _reader = reader;
        _discovery = discovery;
        _time = time;
        _state = leased;
        _etag = etag;
    }

    /// <summary>Whether this scan read the whole window (rather than the changes since the last one).</summary>
    public bool WasFullSync { get; private set; }

    public async Task RunAsync(IReadOnlyList<Pair> activePairs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _discovery.LoadAsync(cancellationToken).ConfigureAwait(false);
            var started = _state;
            string? deltaLink = null;
            var window = started.Window;
            if (ScanWindow.CanContinue(started, activePairs, now))
            {
                try
                {
                    deltaLink = await _reader.ReadAsync(started.MentorId, started.DeltaLink, window!, OnPageAsync, cancellationToken).ConfigureAwait(false);
                }
                catch (CalendarSyncExpiredException)
                {
                    // Read in full below.
                }
            }

            WasFullSync = deltaLink is null;
            if (WasFullSync)
            {
                window = ScanWindow.ForFullSync(started, activePairs, now);
                _discovery.BeginFullSync();
                deltaLink = await _reader.ReadAsync(started.MentorId, null, window, OnPageAsync, cancellationToken).ConfigureAwait(false);
                await _discovery.ReconcileAsync(window, cancellationToken).ConfigureAwait(false);
            }

            var done = _state with
            {
                DeltaLink = deltaLink,
                Window = window,
                CoveredPairs = WasFullSync ? activePairs.Select(p => p.PairId).ToList() : _state.CoveredPairs,
                LastScanAt = now,
                LastFullSyncAt = WasFullSync ? now : _state.LastFullSyncAt,
                LeaseOwner = null,
                LeaseUntil = CalendarSyncState.NoLease,
            };
            // Only now, after every page was applied, does the calendar's position move on.
            await SaveAsync(done, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Give the lease back so the retry can scan at once; the stored position is untouched.
            await _sync.TrySaveAsync(_state with { LeaseOwner = null, LeaseUntil = CalendarSyncState.NoLease }, _etag, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task OnPageAsync(IReadOnlyList<CalendarEvent> events, CancellationToken cancellationToken)
    {
        await _discovery.ApplyAsync(events, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (_state.LeaseUntil - now < Lease / 2)
        {
            // A long read (a big full sync, Graph asking to wait) keeps its lease.
            await SaveAsync(_state with { LeaseUntil = now + Lease }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveAsync(CalendarSyncState state, CancellationToken cancellationToken)
    {
        _etag = await _sync.TrySaveAsync(state, _etag, cancellationToken).ConfigureAwait(false)
            ?? throw new ConcurrentUpdateException("Another scan of this calendar took over after this one's lease ran out; this one will be retried.");
        _state = state;
    }
}
