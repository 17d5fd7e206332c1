using Azure;
using MentorBot.Conversations;
using MentorBot.Features.Pairs;

namespace MentorBot.Features.Meetings;

/// <summary>
/// One scan of one mentor's calendar, holding its lease: continue from the stored delta link (or read the window in
/// full when there is none, Graph no longer honours it, it runs out soon, or a new pair's history is needed), apply
/// each page with its series resolved, and only then store the new position. A failed scan gives the lease back and
/// leaves the stored position as it was. A mailbox Graph cannot read is remembered and tried again only after
/// <see cref="UnreadableRetry"/>.
/// </summary>
internal sealed class CalendarScan
{
    /// <summary>Shorter than the job runner's lease, so a retried job is not turned away by its own dead predecessor.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(4);

    /// <summary>A mailbox that cannot be read needs someone to act (a licence, a policy): asking every half hour would only add load.</summary>
    public static readonly TimeSpan UnreadableRetry = TimeSpan.FromHours(6);

    private readonly CalendarSyncStore _sync;
    private readonly CalendarReader _reader;
    private readonly MeetingDiscovery _discovery;
    private readonly SeriesResolution _series;
    private readonly TimeProvider _time;
    private CalendarSyncState _state;
    private ETag _etag;

    public CalendarScan(CalendarSyncStore sync, CalendarReader reader, MeetingDiscovery discovery, SeriesResolution series, TimeProvider time,
        CalendarSyncState leased, ETag etag)
    {
        _sync = sync;
        _reader = reader;
        _discovery = discovery;
        _series = series;
        _time = time;
        _state = leased;
        _etag = etag;
    }

    /// <summary>Whether this scan read the whole window (rather than the changes since the last one).</summary>
    public bool WasFullSync { get; private set; }

    /// <summary>Set when Graph could not read the mailbox in this scan.</summary>
    public MailboxProblem? Unreadable { get; private set; }

    /// <summary>True when the mailbox was found unreadable lately and this scan did not ask Graph again.</summary>
    public bool WaitedForUnreadable { get; private set; }

    public async Task RunAsync(IReadOnlyList<Pair> activePairs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            if (_state is { Unreadable: not null, UnreadableCheckedAt: { } checkedAt } && now - checkedAt < UnreadableRetry)
            {
                WaitedForUnreadable = true;
                await SaveAsync(Released(_state), cancellationToken).ConfigureAwait(false);
                return;
            }

            await _discovery.LoadAsync(cancellationToken).ConfigureAwait(false);
            var started = _state;
            string? deltaLink = null;
            var window = started.Window;
            if (ScanWindow.CanContinue(started, activePairs, now))
            {
                try
                {
                    deltaLink = await ReadAsync(started.DeltaLink, window!, cancellationToken).ConfigureAwait(false);
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
                deltaLink = await ReadAsync(null, window, cancellationToken).ConfigureAwait(false);
                await _discovery.ReconcileAsync(window, cancellationToken).ConfigureAwait(false);
            }

            var done = Released(_state) with
            {
                DeltaLink = deltaLink,
                Window = window,
                CoveredPairs = WasFullSync ? activePairs.Select(p => p.PairId).ToList() : _state.CoveredPairs,
                LastScanAt = now,
                LastFullSyncAt = WasFullSync ? now : _state.LastFullSyncAt,
                Unreadable = null,
                UnreadableCheckedAt = null,
            };
            // Only now, after every page was applied, does the calendar's position move on.
            await SaveAsync(done, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxUnreadableException unreadable)
        {
            // Nothing was read; the position stays, and the mailbox is tried again after a while.
            Unreadable = unreadable.Problem;
            await SaveAsync(Released(_state) with { Unreadable = unreadable.Problem, UnreadableCheckedAt = now }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Give the lease back so the retry can scan at once; the stored position is untouched.
            await _sync.TrySaveAsync(Released(_state), _etag, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads every page (stubs resolved as they can be), then the stubs that waited for their master; returns the delta link.</summary>
    private async Task<string> ReadAsync(string? deltaLink, ScanWindow window, CancellationToken cancellationToken)
    {
        var next = await _reader.ReadAsync(_state.MentorId, deltaLink, window, OnPageAsync, cancellationToken).ConfigureAwait(false);
        await _discovery.ApplyAsync(await _series.EndOfReadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return next;
    }

    private async Task OnPageAsync(IReadOnlyList<CalendarEvent> events, CancellationToken cancellationToken)
    {
        await _discovery.ApplyAsync(await _series.PageAsync(events, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (_state.LeaseUntil - now < Lease / 2)
        {
            // A long read (a big full sync, Graph asking to wait) keeps its lease.
            await SaveAsync(_state with { LeaseUntil = now + Lease }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static CalendarSyncState Released(CalendarSyncState state) => state with { LeaseOwner = null, LeaseUntil = CalendarSyncState.NoLease };

    private async Task SaveAsync(CalendarSyncState state, CancellationToken cancellationToken)
    {
        _etag = await _sync.TrySaveAsync(state, _etag, cancellationToken).ConfigureAwait(false)
            ?? throw new ConcurrentUpdateException("Another scan of this calendar took over after this one's lease ran out; this one will be retried.");
        _state = state;
    }
}
