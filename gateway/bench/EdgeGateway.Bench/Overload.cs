using System.Globalization;
using MQTTnet.Formatter;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 11: the gateway's capacity is measured first (20 devices keeping publishes outstanding, acked/s); then 20
/// devices offer twice that (open loop, each keeping up to <see cref="Window"/> QoS 1 publishes outstanding and
/// re-sending after a 10 s PUBACK timeout), to the gateway and, as the baseline, to plain Mosquitto.
/// </summary>
internal static class Overload
{
    public const int Devices = 20, Window = 100;

    /// <summary>Long enough for a publish to reach the devices' 10 s PUBACK timeout and be re-sent.</summary>
    private static TimeSpan Duration => BenchScale.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(20);

    /// <param name="Quiet">The panics of a device that sends nothing else (one every 100 ms).</param>
    public sealed record Figures(string Target, MqttProtocolVersion Version, OfferedLoad.Outcome Outcome, double PanicUpP99, LoadFigures Quiet);

    public static async Task<(double Capacity, List<Figures> Runs)> RunAsync()
    {
        var dir = Paths.Temp("overload");
        double capacity;
        long upstream = 0;
        // Capacity as the overload runs: the uplink up and forwarding what comes in (its deletes share the writer).
        using (var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort()))
        using (var sub = await Mqtt.SubscribeAsync(up.Port, "edge/#", _ => Interlocked.Increment(ref upstream)))
        using (var g = ChildProcess.Gateway(dir + "/cap", ChildProcess.FreePort(), GatewayArgs(up.Port)))
            capacity = (await Mqtt.FloodAsync(g.Port, Devices, 16, BenchScale.Warmup, BenchScale.Duration, "cap")).Acked;
        var runs = new List<Figures>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            runs.Add(await OfferAsync(dir, "gateway", version, capacity));
            runs.Add(await OfferAsync(dir, "mosquitto", version, capacity));
        }
        Directory.Delete(dir, true);
        return (capacity, runs);
    }

    /// <summary>The gateway with its defaults, an MQTT uplink, and the console on a free port (the machine is shared).</summary>
    public static string[] GatewayArgs(int upstreamPort, params string[] extra) =>
        ["--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}", $"--Console:Url=http://127.0.0.1:{ChildProcess.FreePort()}", .. extra];

    private static async Task<Figures> OfferAsync(string dir, string target, MqttProtocolVersion version, double capacity)
    {
        var (figures, quiet) = (new LoadFigures(), new LoadFigures());
        using var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort());
        using var sub = await Mqtt.SubscribeAsync(up.Port, target == "gateway" ? "edge/#" : "sec/#", p =>
        {
            figures.Upstream(p);
            quiet.Upstream(p);
        });
        using var broker = target == "gateway"
            ? ChildProcess.Gateway(Path.Combine(dir, $"gw-{version}"), ChildProcess.FreePort(), GatewayArgs(up.Port))
            : ChildProcess.Mosquitto(dir, ChildProcess.FreePort(),
                $"connection to-up\naddress 127.0.0.1:{up.Port}\ntopic sec/# out 1\ncleansession true\nbridge_protocol_version mqttv311\ntry_private false");
        var shape = new OfferedLoad.Shape(Devices, 2 * capacity, Window, version);
        var outcome = await OfferedLoad.RunAsync(broker.Port, shape, Stability.Warmup, Duration, figures, $"ovl{(int)version}", quiet);
        await figures.WaitForPanicsAsync(TimeSpan.FromSeconds(BenchScale.Quick ? 1 : 5));
        await quiet.WaitForPanicsAsync(TimeSpan.FromSeconds(1));
        return new Figures(target, version, outcome, figures.PanicUpPercentile(0.99, Duration.TotalMilliseconds), quiet);
    }

    /// <summary>Prints the scenario's rows: per protocol, PUBACK latency and panic latency, gateway beside Mosquitto.</summary>
    public static void Print((double Capacity, List<Figures> Runs) r, Action<string, string, string, string, string, string> row)
    {
        static string F(double x) => x.ToString(x >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture);
        foreach (var version in r.Runs.Select(x => x.Version).Distinct())
        {
            var gw = r.Runs.Single(x => x.Version == version && x.Target == "gateway");
            var mq = r.Runs.Single(x => x.Version == version && x.Target == "mosquitto");
            var (g, m) = (gw.Outcome, mq.Outcome);
            var what = $"11 overload, {F(g.OfferedPerSecond)} ev/s offered (2× capacity {F(r.Capacity)}), {Devices} devices, MQTT {(version == MqttProtocolVersion.V500 ? "5 (≤ the CONNACK's Receive Maximum in flight)" : $"3.1.1 (≤ {Window} in flight)")}";
            row($"{what}: PUBACK p50 / p99 ms", $"{F(g.Figures.PubackPercentile(0.5))} / {F(g.Figures.PubackPercentile(0.99))}",
                $"{F(m.Figures.PubackPercentile(0.5))} / {F(m.Figures.PubackPercentile(0.99))} (mosquitto)", "-", "p99 ≤ 2,000 ms, no device times out",
                $"1 run; re-sends {g.Figures.Resends:N0} (mosquitto {m.Figures.Resends:N0}), devices timed out {g.DevicesTimedOut} ({m.DevicesTimedOut}), "
                + $"acked {F(g.AckedPerSecond)}/s ({F(m.AckedPerSecond)}), delivered upstream {F(g.DeliveredPerSecond)}/s ({F(m.DeliveredPerSecond)})");
            var (gq, mq2) = (gw.Quiet, mq.Quiet);
            row($"{what}: a quiet device's panic, press → PUBACK p99 / → upstream p99 ms",
                $"{F(gq.PanicAckPercentile(0.99))} / {F(gq.PanicUpPercentile(0.99, Duration.TotalMilliseconds))}",
                $"{F(mq2.PanicAckPercentile(0.99))} / {F(mq2.PanicUpPercentile(0.99, Duration.TotalMilliseconds))} (mosquitto)", "-", "≤ 250 ms",
                $"1 run; {gq.PanicsAcked} panics acked ({mq2.PanicsAcked}), one every 100 ms from a device that sends nothing else");
            row($"{what}: a flooding device's own panic, press → PUBACK p99 / → upstream p99 ms", $"{F(g.Figures.PanicAckPercentile(0.99))} / {F(gw.PanicUpP99)}",
                $"{F(m.Figures.PanicAckPercentile(0.99))} / {F(mq.PanicUpP99)} (mosquitto)", "-", "≤ 250 ms",
                $"1 run; {g.Figures.PanicsAcked} panics acked ({m.Figures.PanicsAcked}), 1 in 100 events, sent ahead of the device's own queue but behind its publishes in flight");
        }
    }
}
