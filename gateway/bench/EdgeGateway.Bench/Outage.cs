using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Bench;

/// <summary>
/// 13. The uplink goes down for <c>outage</c> while 20 devices offer 1,000 events/s, then comes back (a real
/// Mosquitto upstream behind a socat relay, <see cref="TcpRelay"/>: killing it is the outage). One panic is pressed during the outage and one the moment
/// the link returns. Measured from the link's return: when each panic is upstream, and when the last event acked
/// before the return is upstream (the backlog's end).
/// </summary>
internal static class Outage
{
    public sealed record Result(double OutageS, int BacklogAtReturn, double PanicPressedDuringMs, double PanicPressedAtReturnMs, double BacklogEndS);

    public static async Task<Result> RunAsync(TimeSpan outage)
    {
        var dir = Paths.Temp("outage");
        var arrivals = new ConcurrentDictionary<string, long>();
        var acked = new ConcurrentDictionary<string, long>();
        using var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort());
        using var sub = await Mqtt.SubscribeAsync(up.Port, "edge/#", p =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var id in UpstreamIds.Of(p)) arrivals.TryAdd(id, now);
        });
        var relayPort = ChildProcess.FreePort();
        var link = await TcpRelay.StartAsync(relayPort, up.Port);
        using var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={relayPort}", "--Debounce:PanicWindow=00:00:00");
        using var button = await Mqtt.ConnectAsync(g.Port, "pb-out");
        Result result;
        await using (SteadyLoad.Start(g.Port, "out", 20, (id, at) => acked[id] = at))
        {
            await Task.Delay(BenchScale.Warmup);
            await link.DisposeAsync();
            var cutAt = Stopwatch.StartNew();
            await Task.Delay(outage / 2);
            await button.PublishAsync(Mqtt.Event("pb-out", 1, "panic"));
            await Task.Delay(outage - cutAt.Elapsed);

            // The return is counted from just before the relay starts: the gateway cannot reconnect earlier, so the
            // figures include the relay's own start-up (an upper bound). Counted from when the relay was seen listening
            // (polled every 20 ms), a panic could arrive "before" the return: the smoke test once saw -8.7 ms.
            var back = Stopwatch.GetTimestamp();
            link = await TcpRelay.StartAsync(relayPort, up.Port);
            var pressedAtReturn = Stopwatch.GetTimestamp();
            await button.PublishAsync(Mqtt.Event("pb-out", 2, "panic"));
            var backlog = acked.Where(a => a.Value <= back).Select(a => a.Key).ToList();

            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(5) && !backlog.All(arrivals.ContainsKey)) await Task.Delay(50);
            var missing = backlog.Count(id => !arrivals.ContainsKey(id));
            if (missing > 0) throw new InvalidOperationException($"{missing} of {backlog.Count} events acked before the link returned never arrived upstream");
            if (!arrivals.TryGetValue("pb-out:1:1", out var first) || !arrivals.TryGetValue("pb-out:1:2", out var second))
                throw new InvalidOperationException("a panic never arrived upstream");
            result = new Result(cutAt.Elapsed.TotalSeconds, backlog.Count,
                Stopwatch.GetElapsedTime(back, first).TotalMilliseconds,
                Stopwatch.GetElapsedTime(pressedAtReturn, second).TotalMilliseconds,
                Stopwatch.GetElapsedTime(back, backlog.Max(id => arrivals[id])).TotalSeconds);
        }
        await link.DisposeAsync();
        Directory.Delete(dir, true);
        return result;
    }
}
