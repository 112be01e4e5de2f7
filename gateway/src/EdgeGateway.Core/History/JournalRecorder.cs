using System.Threading.Channels;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.History;

/// <summary>
/// Feeds the <see cref="IEventJournal"/> off the ingest path: told of every accepted device event (as an
/// <see cref="IAcceptedEventObserver"/>) and every gateway event (<see cref="GatewayEventEmitter.Emitted"/>), it only
/// puts the parsed envelope into a bounded queue and returns: no allocation, no thread woken per event.
/// <see cref="Run"/>, on a thread of its own (the host gives it a low priority), writes what the queue holds every
/// <see cref="DefaultFlushEvery"/>, or sooner once the queue is half full, in transactions of up to
/// <see cref="MaxBatch"/>. When the queue is full (the journal's disk or thread cannot keep up) the entry is dropped
/// and counted (<c>edgegw_journal_dropped</c>), and a warning is logged at most once a minute: ingest never waits for
/// the journal. Duplicates are not journaled again.
/// </summary>
public sealed class JournalRecorder : IAcceptedEventObserver, IDisposable
{
    public const int DefaultCapacity = 8192;
    public static readonly TimeSpan DefaultFlushEvery = TimeSpan.FromMilliseconds(250);
    private const int MaxBatch = 4096;
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly Channel<QueuedEvent> _queue;
    private readonly IEventJournal _journal;
    private readonly GatewayEventEmitter _emitter;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _flushEvery;
    private readonly int _wakeAt;
    private readonly AutoResetEvent _wake = new(false);
    private int _queued;
    private long _droppedSinceWarning;
    private long _lastWarningTicks;

    public JournalRecorder(IEventJournal journal, GatewayEventEmitter emitter, GatewayMetrics metrics, TimeProvider time,
        ILogger<JournalRecorder> logger, int capacity = DefaultCapacity, TimeSpan? flushEvery = null)
    {
        _journal = journal;
        _emitter = emitter;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _flushEvery = flushEvery ?? DefaultFlushEvery;
        _wakeAt = Math.Max(1, capacity / 2);
        _lastWarningTicks = time.GetTimestamp() - (long)(WarnEvery.TotalSeconds * time.TimestampFrequency);
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _emitter.Emitted += OnEmitted;
    }

    /// <summary>True while entries wait in the queue (for tests).</summary>
    internal bool HasQueued => _queue.Reader.Count > 0;

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        if (outcome == AppendOutcome.Duplicate) return;
        Offer(envelope, outcome == AppendOutcome.Coalesced);
    }

    private void OnEmitted(EventEnvelope envelope) => Offer(envelope, coalesced: false);

    private void Offer(EventEnvelope e, bool coalesced)
    {
        if (_queue.Writer.TryWrite(new QueuedEvent(e, coalesced, _time.GetUtcNow().ToUnixTimeMilliseconds())))
        {
            if (Interlocked.Increment(ref _queued) == _wakeAt) _wake.Set();
            return;
        }
        _metrics.JournalDropped(1);
        Interlocked.Increment(ref _droppedSinceWarning);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (_time.GetElapsedTime(last, now) >= WarnEvery && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
            HistoryLog.Dropped(_logger, Interlocked.Exchange(ref _droppedSinceWarning, 0));
    }

    /// <summary>
    /// Writes the queue until cancelled, then writes what is still queued. Blocks the calling thread: the host runs it
    /// on a dedicated one.
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        var batch = new List<JournalEntry>(MaxBatch);
        WaitHandle[] waits = [cancellationToken.WaitHandle, _wake];
        while (WaitHandle.WaitAny(waits, _flushEvery) != 0)
            WriteQueued(batch);
        WriteQueued(batch);
    }

    private void WriteQueued(List<JournalEntry> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued)) batch.Add(queued.ToEntry());
            if (batch.Count == 0) return;
            Interlocked.Add(ref _queued, -batch.Count);
            try
            {
                _journal.Append(batch);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _metrics.JournalDropped(batch.Count);
                HistoryLog.WriteFailed(_logger, batch.Count, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        _emitter.Emitted -= OnEmitted;
        _wake.Dispose();
    }
}
