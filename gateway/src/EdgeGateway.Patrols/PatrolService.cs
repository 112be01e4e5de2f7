using EdgeGateway.Core.Events;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Patrols;

/// <summary>
/// The patrol loop: every tick (and at once when a check-in arrives) it refreshes <c>patrols.json</c>, advances the
/// round engine to the gateway's clock, records queued check-ins, and hands the engine's outbox to the buffer
/// through <see cref="GatewayEventEmitter"/>, so the events travel upstream like any other (and wait there while
/// the uplink is down). An outbox row is removed only after the buffer committed its event.
/// </summary>
internal sealed class PatrolService(RoundEngine engine, PlanSource plan, PatrolCheckinObserver observer, PatrolDatabase db,
    GatewayEventEmitter emitter, PatrolOptions options, TimeProvider time, ILogger<PatrolService> logger) : BackgroundService
{
    private const int BatchSize = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                engine.Plan = plan.Refresh(now);
                engine.OpenDue(now);
                RecordArrivals(now);
                engine.JudgeDue(now);
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                PatrolsLog.EngineFailed(logger, ex.Message);
            }
            catch (IOException ex)
            {
                PatrolsLog.EngineFailed(logger, ex.Message);
            }
            await WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>What arrived since the last turn, in batches of up to <see cref="BatchSize"/> taps per transaction.</summary>
    private void RecordArrivals(DateTimeOffset now)
    {
        var batch = new List<Checkin>();
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && observer.Reader.TryRead(out var tap)) batch.Add(tap);
            if (batch.Count == 0) return;
            var results = engine.RecordAll(batch, now);
            for (var i = 0; i < batch.Count; i++)
            {
                var (tap, result) = (batch[i], results[i]);
                if (result.Enrolled is { } card) PatrolsLog.Enrolled(logger, card.Uid, tap.Beacon, card.Team);
                PatrolsLog.Recorded(logger, tap.EventId, tap.Checkpoint, tap.Uid, result.Round ?? "-", result.Verdict ?? "-", string.Join(',', result.Flags));
            }
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        using var c = db.Connect();
        foreach (var (id, type, data) in Outbox.Pending(c))
        {
            try
            {
                await emitter.EmitAsync(type, data, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PatrolsLog.EmitFailed(logger, type, ex.Message);
                return;
            }
            Outbox.Remove(c, id);
            PatrolsLog.Emitted(logger, type, data);
        }
    }

    /// <summary>Until the next tick or the next check-in, whichever comes first.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var tick = Task.Delay(options.TickInterval, time, cts.Token);
        var arrival = observer.Reader.WaitToReadAsync(cts.Token).AsTask();
        try
        {
            await Task.WhenAny(tick, arrival).ConfigureAwait(false);
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
        }
    }
}
