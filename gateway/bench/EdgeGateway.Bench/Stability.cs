using System.Globalization;
using MQTTnet.Formatter;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 12: a load the gateway can carry, run several times with a fresh gateway each, to catch a run that falls
/// into a slow state: 20 devices offering 2,000 events/s in total (check-ins, 20 % heartbeats, 1 % panics; debounce at
/// its defaults), up to 100 publishes outstanding each, no faults. Each run reports what it delivered upstream, its panic
/// latency and the duplicates upstream.
/// </summary>
internal static class Stability
{
    public const int Devices = 20, Window = 100;
    public const double PerSecond = 2000;

    /// <param name="PanicsMissing">Panics acked but not upstream 5 s after the load ended (they count as the run's length in <paramref name="PanicUpP99"/>).</param>
    public sealed record Run(double DeliveredPerSecond, double EventsPerMessage, double PanicUpP99, double PanicAckP99, long Duplicates, long Resends, int Panics, int PanicsMissing);

    private static TimeSpan Duration => BenchScale.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);

    /// <summary>Even a quick run lets the gateway compile its ingest path first, or it delivers nothing while measured.</summary>
    internal static TimeSpan Warmup => BenchScale.Quick ? TimeSpan.FromSeconds(2) : BenchScale.Warmup;

    public static async Task<Run> RunOnceAsync(int n)
    {
        var dir = Paths.Temp("stability");
        var figures = new LoadFigures();
        OfferedLoad.Outcome outcome;
        using (var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort()))
        using (var sub = await Mqtt.SubscribeAsync(up.Port, "edge/#", figures.Upstream))
        using (var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), Overload.GatewayArgs(up.Port)))
        {
            var shape = new OfferedLoad.Shape(Devices, PerSecond, Window, MqttProtocolVersion.V311);
            outcome = await OfferedLoad.RunAsync(g.Port, shape, Warmup, Duration, figures, $"st{n}");
            await figures.WaitForPanicsAsync(TimeSpan.FromSeconds(BenchScale.Quick ? 1 : 5));
        }
        Directory.Delete(dir, true);
        var perMessage = figures.Messages == 0 ? 0 : (double)(figures.Delivered + figures.Duplicates) / figures.Messages;
        return new Run(outcome.DeliveredPerSecond, perMessage, figures.PanicUpPercentile(0.99, Duration.TotalMilliseconds),
            figures.PanicAckPercentile(0.99), figures.Duplicates, figures.Resends, figures.PanicsAcked, figures.PanicsMissing);
    }

    public static void Print(IReadOnlyList<Run> runs, Action<string, string, string, string, string, string> row)
    {
        static string F(double x) => x.ToString(x >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            row($"12 stability run {i + 1}/{runs.Count}, {PerSecond:N0} ev/s offered by {Devices} devices: delivered upstream ev/s / panic press → upstream p99 ms",
                $"{F(r.DeliveredPerSecond)} / {F(r.PanicUpP99)}", "-", "-", "≈ 2,000 / ≤ 250 ms in every run",
                $"{F(Duration.TotalSeconds)} s; duplicates upstream {r.Duplicates:N0}, events per upstream message {r.EventsPerMessage:0.00}, "
                + $"panic → PUBACK p99 {F(r.PanicAckP99)} ms ({r.Panics} panics acked, {r.PanicsMissing} not upstream 5 s after the load), re-sends {r.Resends:N0}");
        }
    }
}
