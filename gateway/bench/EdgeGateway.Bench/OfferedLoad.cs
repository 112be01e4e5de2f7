using System.Diagnostics;
using MQTTnet.Formatter;

namespace EdgeGateway.Bench;

/// <summary>
/// Devices offering a fixed number of events per second in total (open loop: the load does not slow down when the
/// gateway does), as <see cref="LoadDevice"/>s. Every 100th event of a device is a panic, every 5th a heartbeat, the
/// rest check-ins with their own card (so none coalesce).
/// </summary>
internal static class OfferedLoad
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public sealed record Shape(int Devices, double PerSecond, int Window, MqttProtocolVersion Version, bool Panics = true);

    public sealed record Outcome(LoadFigures Figures, int DevicesTimedOut, double OfferedPerSecond, double DeliveredPerSecond, double AckedPerSecond);

    public static string TypeOf(long k, bool panics) => panics && k % 100 == 99 ? "panic" : k % 5 == 2 ? "heartbeat" : "checkin";

    /// <summary>Offers the load for <paramref name="warmup"/> + <paramref name="duration"/>; figures count from the end of the warm-up.</summary>
    /// <param name="quiet">When given, one more device (<c>{prefix}-pb</c>) presses a panic every 100 ms and nothing else; its figures go there.</param>
    public static async Task<Outcome> RunAsync(int port, Shape shape, TimeSpan warmup, TimeSpan duration, LoadFigures figures, string prefix, LoadFigures? quiet = null)
    {
        var devices = Enumerable.Range(0, shape.Devices).Select(i => new LoadDevice($"{prefix}-{i}", figures)).ToArray();
        using var button = quiet is null ? null : new LoadDevice($"{prefix}-pb", quiet);
        using var stopTaking = new CancellationTokenSource();
        using var stop = new CancellationTokenSource();
        var running = devices.Append(button).OfType<LoadDevice>().Select(d => Task.Run(() => d.RunAsync(port, shape.Version, shape.Window, stopTaking.Token, stop.Token))).ToArray();
        var perDevice = shape.PerSecond / shape.Devices;
        var produced = new long[shape.Devices];
        var pressed = 0L;
        double delivered0 = 0;
        var sw = Stopwatch.StartNew();
        var measuring = false;
        using var tick = new PeriodicTimer(Tick);
        while (await tick.WaitForNextTickAsync())
        {
            var t = sw.Elapsed;
            if (!measuring && t >= warmup)
            {
                measuring = true;
                figures.StartMeasuring();
                quiet?.StartMeasuring();
                delivered0 = figures.Delivered;
            }
            if (t >= warmup + duration) break;
            if (button is not null && (long)(t.TotalMilliseconds / 100) > pressed)
            {
                pressed++;
                button.Produce("panic");
            }
            for (var i = 0; i < devices.Length; i++)
            {
                var due = (long)(perDevice * t.TotalSeconds);
                for (; produced[i] < due; produced[i]++) devices[i].Produce(TypeOf(produced[i], shape.Panics));
            }
        }
        var seconds = (sw.Elapsed - warmup).TotalSeconds;
        var acked = figures.AckedCount;
        var delivered = (figures.Delivered - delivered0) / seconds;
        // The publishes still outstanding get their PUBACK (or their timeout) before the devices disconnect.
        await stopTaking.CancelAsync();
        stop.CancelAfter(LoadDevice.PubackTimeout + TimeSpan.FromSeconds(5));
        await Task.WhenAll(running);
        foreach (var d in devices) d.Dispose();
        return new Outcome(figures, devices.Count(d => d.Timeouts > 0), shape.PerSecond, delivered, acked / seconds);
    }
}
