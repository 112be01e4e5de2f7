using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace EdgeGateway.Bench;

/// <summary>
/// One simulated device of an offered load (scenarios 11 and 12): its application produces events at a fixed rate
/// (open loop) into its outbox, panics first; it keeps at most <c>window</c> QoS 1 publishes outstanding (less when the
/// broker announces a smaller MQTT 5 Receive Maximum), and re-sends a publish whose PUBACK has not come within
/// <see cref="PubackTimeout"/>, as the firmware does.
/// </summary>
internal sealed class LoadDevice : IDisposable
{
    public static readonly TimeSpan PubackTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<(string Type, long Seq, long Pressed)> _normal = Channel.CreateUnbounded<(string, long, long)>();
    private readonly ConcurrentQueue<(string Type, long Seq, long Pressed)> _panics = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly LoadFigures _figures;
    private readonly string _id;
    private long _seq;
    private long _timeouts;

    public LoadDevice(string id, LoadFigures figures)
    {
        _id = id;
        _figures = figures;
    }

    /// <summary>PUBACK timeouts this device had.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Events produced but not yet handed to the client (the device's own outbox).</summary>
    public int Queued => _queued.CurrentCount;

    /// <summary>Produces one event now (the device's application pressed or sensed something).</summary>
    public void Produce(string type)
    {
        var item = (type, Interlocked.Increment(ref _seq), Stopwatch.GetTimestamp());
        if (type == "panic")
        {
            _figures.Pressed($"{_id}:1:{item.Item2}", item.Item3);
            _panics.Enqueue(item);
        }
        else
        {
            _normal.Writer.TryWrite(item);
        }
        _queued.Release();
    }

    /// <summary>
    /// Publishes the outbox until <paramref name="stopTaking"/>, with at most <paramref name="window"/> outstanding; then
    /// waits for the publishes still outstanding until <paramref name="stop"/>.
    /// </summary>
    public async Task RunAsync(int port, MqttProtocolVersion version, int window, CancellationToken stopTaking, CancellationToken stop)
    {
        var (client, connack) = await Mqtt.ConnectAsync(port, _id, version);
        using var _ = client;
        if (connack.ReceiveMaximum is { } rm && rm > 0 && rm < window) window = rm;
        using var slots = new SemaphoreSlim(window);
        var pending = new List<Task>();
        try
        {
            while (!stopTaking.IsCancellationRequested)
            {
                await _queued.WaitAsync(stopTaking);
                await slots.WaitAsync(stopTaking);
                if (!_panics.TryDequeue(out var item)) _normal.Reader.TryRead(out item);
                pending.Add(PublishAsync(client, item, slots, stop));
                if (pending.Count > 4 * window) pending.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stopTaking.IsCancellationRequested)
        {
        }
        await Task.WhenAll(pending);
    }

    private async Task PublishAsync(IMqttClient client, (string Type, long Seq, long Pressed) item, SemaphoreSlim slots, CancellationToken stop)
    {
        var data = item.Type == "checkin" ? $"{{\"card\":\"c{item.Seq}\",\"checkpoint\":\"cp\"}}" : "{}";
        var message = Mqtt.Event(_id, item.Seq, item.Type, data);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(PubackTimeout);
                try
                {
                    var r = await client.PublishAsync(message, timeout.Token);
                    if (!r.IsSuccess) throw new InvalidOperationException($"{_id}: PUBACK {r.ReasonCode}");
                    _figures.Acked(item.Type, $"{_id}:1:{item.Seq}", sent, item.Pressed);
                    return;
                }
                catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationTimedOutException && !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _timeouts);
                    _figures.Resent();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationTimedOutException && stop.IsCancellationRequested)
        {
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => _queued.Dispose();
}
