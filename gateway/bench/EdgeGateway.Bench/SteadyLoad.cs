using System.Diagnostics;

namespace EdgeGateway.Bench;

/// <summary>
/// A ward's background traffic: <c>devices</c> devices, each sending one event every 20 ms (50/s), heartbeats and
/// check-ins in turn, each publish awaited (QoS 1). The <c>acked</c> callback is told each event id the gateway acked,
/// with the moment of the ack.
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _devices;

    private SteadyLoad(int port, string prefix, int devices, Action<string, long>? acked) =>
        _devices = Enumerable.Range(0, devices).Select(i => Task.Run(() => RunDeviceAsync(port, $"{prefix}-{i}", acked))).ToList();

    /// <summary>Devices × 50 events/s.</summary>
    public static SteadyLoad Start(int port, string prefix, int devices, Action<string, long>? acked = null) => new(port, prefix, devices, acked);

    private async Task RunDeviceAsync(int port, string dev, Action<string, long>? acked)
    {
        using var c = await Mqtt.ConnectAsync(port, dev);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        long seq = 0;
        try
        {
            while (await tick.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                seq++;
                var type = seq % 2 == 0 ? "heartbeat" : "checkin";
                var r = await c.PublishAsync(Mqtt.Event(dev, seq, type, type == "checkin" ? $"{{\"card\":\"c{seq}\",\"checkpoint\":\"cp\"}}" : "{}"), _stop.Token);
                if (r.IsSuccess) acked?.Invoke($"{dev}:1:{seq}", Stopwatch.GetTimestamp());
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // stopped (MQTTnet reports a publish cancelled mid-flight as "timed out")
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException e)
        {
            System.Console.Error.WriteLine($"edgegw-bench: background device {dev} lost its connection after {seq} events: {e.Message}");
        }
    }

    /// <summary>Stops every device and waits for them (a second call does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await Task.WhenAll(_devices);
    }
}
