using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.Bench;

/// <summary>
/// 14. An IoT Hub that accepts only 20 messages/s (the test emulator, throttled) and 1,000 panics from 20 residents,
/// each pressing as soon as the last press was acked (the gateway at its S1 defaults, debounce off so every panic is
/// stored). Reported: connections the gateway made, warnings it logged (all, and those of the uplink, its resilience
/// layer and the forwarder: each resident's first panic also logs a local-alarm warning, by design), seconds until every
/// panic was at the hub, and the panics' latency from press to hub. One link with one shared backoff should need one connection.
/// </summary>
internal static class ThrottledHub
{
    public sealed record Result(int Panics, long Connects, int Warnings, int UplinkWarnings, double AllThereS, double P50Ms, double P99Ms);

    /// <param name="pack">Uplink:IoTHub:PackWaitingAlarms: off (the default) sends each panic alone.</param>
    public static async Task<Result> RunAsync(int panics, int hubRate, bool pack)
    {
        var dir = Paths.Temp("throttled");
        await using var hub = await IoTHubEmulator.StartAsync();
        hub.Throttle(hubRate);
        using var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=iothub", "--Gateway:Id=gw-bench",
            $"--Uplink:IoTHub:ConnectionString={hub.RegisterDevice("gw-bench")}", "--Uplink:IoTHub:Host=127.0.0.1",
            $"--Uplink:IoTHub:Port={hub.Port}", $"--Uplink:IoTHub:CaCertificatePath={hub.CaCertificatePath}", "--Debounce:PanicWindow=00:00:00",
            $"--Uplink:IoTHub:PackWaitingAlarms={pack}");
        var deadline = Stopwatch.StartNew();
        while (!await hub.IsConnectedAsync("gw-bench") && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        var warningsBefore = g.Warnings;
        var uplinkWarningsBefore = g.UplinkWarnings;

        var pressed = new ConcurrentDictionary<string, long>();
        var started = Stopwatch.GetTimestamp();
        const int residents = 20;
        await Task.WhenAll(Enumerable.Range(0, residents).Select(r => Task.Run(async () =>
        {
            using var button = await Mqtt.ConnectAsync(g.Port, $"pb-th-{r}");
            for (var seq = 1; seq <= panics / residents; seq++)
            {
                pressed[$"pb-th-{r}:1:{seq}"] = Stopwatch.GetTimestamp();
                await button.PublishAsync(Mqtt.Event($"pb-th-{r}", seq, "panic"));
            }
        })));

        var arrivals = new Dictionary<string, long>();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var id in hub.Telemetry.SelectMany(t => t.EventIds)) arrivals.TryAdd(id, now);
            if (pressed.Keys.All(arrivals.ContainsKey)) break;
            await Task.Delay(20);
        }
        var missing = pressed.Keys.Count(id => !arrivals.ContainsKey(id));
        if (missing > 0) throw new InvalidOperationException($"{missing} of {pressed.Count} panics never reached the hub");
        var latencies = pressed.Select(p => Stopwatch.GetElapsedTime(p.Value, arrivals[p.Key]).TotalMilliseconds).Order().ToArray();
        // A fresh hub: its count is every connection the gateway made, the first included.
        var result = new Result(pressed.Count, hub.Connects, g.Warnings - warningsBefore, g.UplinkWarnings - uplinkWarningsBefore,
            Stopwatch.GetElapsedTime(started, arrivals.Values.Max()).TotalSeconds,
            latencies[latencies.Length / 2], latencies[Math.Max(0, (int)Math.Ceiling(0.99 * latencies.Length) - 1)]);
        Directory.Delete(dir, true);
        return result;
    }
}
