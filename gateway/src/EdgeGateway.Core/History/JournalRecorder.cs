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
/// offers the entry to a bounded queue and returns. <see cref="RunAsync"/> writes the queue in batches. When the queue is
/// full (the journal's disk is slow or failing) the entry is dropped and counted (<c>edgegw_journal_dropped</c>), and a
/// warning is logged at most once a minute: ingest never waits for the journal. Duplicates are not journaled again.
/// </summary>
public sealed class JournalRecorder : IAcceptedEventObserver, IDisposable
{
    public const int DefaultCapacity = 8192;
    private const int MaxBatch = 256;
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly Channel<JournalEntry> _queue;
    private readonly IEventJournal _journal;
    private readonly GatewayEventEmitter _emitter;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _droppedSinceWarning;
    private long _lastWarningTicks;

    public JournalRecorder(IEventJournal journal, GatewayEventEmitter emitter, GatewayMetrics metrics, TimeProvider time,
        ILogger<JournalRecorder> logger, int capacity = DefaultCapacity)
    {
        _journal = journal;
        _emitter = emitter;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _lastWarningTicks = time.GetTimestamp() - (long)(WarnEvery.TotalSeconds * time.TimestampFrequency);
        _queue = Channel.CreateBounded<JournalEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _emitter.Emitted += OnEmitted;
    }

    /// <summary>True while entries wait in the queue (for tests).</summary>
    internal bool HasQueued => _queue.Reader.Count > 0;

    public void OnAccepted(EventEnvelope envelope, AppendOutcome outcome)
    {
        if (outcome == AppendOutcome.Duplicate) return;
        Offer(envelope, outcome == AppendOutcome.Coalesced ? "coalesced" : "stored");
    }

    private void OnEmitted(EventEnvelope envelope) => Offer(envelope, "stored");

    private void Offer(EventEnvelope e, string outcome)
    {
        var entry = new JournalEntry(0, e.Id.ToString(), e.Dev, e.Type, e.Priority, _time.GetUtcNow().ToUnixTimeMilliseconds(), e.Ts, e.Sync, outcome, e.Data);
        if (_queue.Writer.TryWrite(entry)) return;
        _metrics.JournalDropped(1);
        Interlocked.Increment(ref _droppedSinceWarning);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (_time.GetElapsedTime(last, now) >= WarnEvery && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
            HistoryLog.Dropped(_logger, Interlocked.Exchange(ref _droppedSinceWarning, 0));
    }

    /// <summary>Writes the queue in batches until cancelled, then writes what is still queued.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<JournalEntry>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                await WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryPeek(out _)) await WriteBatchAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WriteBatchAsync(List<JournalEntry> batch, CancellationToken cancellationToken)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
        if (batch.Count == 0) return;
        try
        {
            await _journal.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            _metrics.JournalDropped(batch.Count);
            HistoryLog.WriteFailed(_logger, batch.Count, ex.Message);
        }
    }

    public void Dispose() => _emitter.Emitted -= OnEmitted;
}
