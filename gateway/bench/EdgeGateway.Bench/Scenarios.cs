using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Bench;

/// <summary>The five measurements of issue 4. Every process is started fresh per run, on 127.0.0.1.</summary>
internal static class Scenarios
{
    private static TimeSpan Warmup => BenchScale.Warmup;

    private static TimeSpan Duration => BenchScale.Duration;
    public const int Devices = 50, Inflight = 4;

    /// <summary>1. events/s acked: gateway (durable) vs plain Mosquitto (not durable), and each process's CPU µs per acked
    /// event over the measured window (user + system, /proc/PID/stat): unlike the rates, hardly moved by other load.</summary>
    public static async Task<IngestFigures> IngestAsync()
    {
        var dir = Paths.Temp("ingest");
        // FloodAsync samples its "delivered" counter at the start and end of the measured window: here CPU µs.
        (double Rate, double CpuUsPerS) gw, mq;
        using (var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={ChildProcess.FreePort()}"))
            gw = await Mqtt.FloodAsync(g.Port, Devices, Inflight, Warmup, Duration, "ing", () => (long)(g.CpuMs() * 1000));
        using (var m = ChildProcess.Mosquitto(dir, ChildProcess.FreePort()))
            mq = await Mqtt.FloodAsync(m.Port, Devices, Inflight, Warmup, Duration, "ing", () => (long)(m.CpuMs() * 1000));
        Directory.Delete(dir, true);
        return new IngestFigures(gw.Rate, mq.Rate, PerEvent(gw), PerEvent(mq));
    }

    private static double PerEvent((double Rate, double CpuUsPerS) flood) => flood.Rate > 0 ? flood.CpuUsPerS / flood.Rate : double.NaN;

    /// <summary>
    /// 2. events/s delivered upstream: device → gateway → Mosquitto (one message per event, and with routine events
    /// batched: <c>Uplink:Mqtt:BatchRoutine</c>) vs Mosquitto bridge → Mosquitto.
    /// </summary>
    public static async Task<(double Gateway, double GatewayBatched, double Bridge)> EndToEndAsync()
    {
        var dir = Paths.Temp("e2e");
        double br;
        var gw = await GatewayEndToEndAsync(dir, batched: false);
        var gwBatched = await GatewayEndToEndAsync(dir, batched: true);
        long n = 0;
        using (var b = ChildProcess.Mosquitto(dir, ChildProcess.FreePort()))
        using (var sub = await Mqtt.SubscribeAsync(b.Port, "sec/#", _ => Interlocked.Increment(ref n)))
        using (var a = ChildProcess.Mosquitto(dir, ChildProcess.FreePort(),
            $"connection to-b\naddress 127.0.0.1:{b.Port}\ntopic sec/# out 1\ncleansession true\nbridge_protocol_version mqttv311\ntry_private false"))
        {
            await WaitBridgeAsync(a.Port, () => Interlocked.Read(ref n));
            n = 0;
            br = (await Mqtt.FloodAsync(a.Port, Devices, Inflight, Warmup, Duration, "e2e", () => Interlocked.Read(ref n))).Delivered;
        }
        Directory.Delete(dir, true);
        return (gw, gwBatched, br);
    }

    private static async Task<double> GatewayEndToEndAsync(string dir, bool batched)
    {
        long n = 0;
        using var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort());
        using var sub = await Mqtt.SubscribeAsync(up.Port, "edge/#", p => Interlocked.Add(ref n, EventsIn(p)));
        using var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={up.Port}", $"--Uplink:Mqtt:BatchRoutine={batched}");
        return (await Mqtt.FloodAsync(g.Port, Devices, Inflight, Warmup, Duration, "e2e", () => Interlocked.Read(ref n))).Delivered;
    }

    /// <summary>Events one upstream message carries: the <c>batch</c> count of a batch message, else one.</summary>
    private static long EventsIn(byte[] payload)
    {
        var at = payload.AsSpan().IndexOf("\"batch\":"u8);
        if (at < 0) return 1;
        var digits = payload.AsSpan(at + 8);
        long count = 0;
        for (var i = 0; i < digits.Length && char.IsAsciiDigit((char)digits[i]); i++) count = (count * 10) + (digits[i] - '0');
        return count;
    }

    private static async Task WaitBridgeAsync(int port, Func<long> delivered)
    {
        using var probe = await Mqtt.ConnectAsync(port, "bridge-probe");
        var sw = Stopwatch.StartNew();
        while (delivered() == 0 && sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            await probe.PublishAsync(Mqtt.Event("probe", 1, "test"));
            await Task.Delay(50);
        }
    }

    /// <summary>3. panic publish → upstream receipt, with 1,000 events/s of heartbeats and check-ins behind it.</summary>
    public static async Task<(double P50, double P99)> PanicLatencyAsync()
    {
        var panics = BenchScale.Panics;
        var dir = Paths.Temp("latency");
        var sent = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort());
        using var sub = await Mqtt.SubscribeAsync(up.Port, "edge/+/+/panic", p =>
        {
            var now = Stopwatch.GetTimestamp();
            var id = JsonDocument.Parse(p).RootElement.GetProperty("id").GetString()!;
            if (sent.TryRemove(id, out var t)) latencies.Add(Stopwatch.GetElapsedTime(t, now).TotalMilliseconds);
        });
        using var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={up.Port}", "--Debounce:PanicWindow=00:00:00");
        await using var background = SteadyLoad.Start(g.Port, "bg", 20); // 20 devices × 50/s = 1,000 events/s
        await Task.Delay(Warmup);
        using (var pb = await Mqtt.ConnectAsync(g.Port, "pb-lat"))
        {
            for (var i = 1; i <= panics; i++)
            {
                sent[$"pb-lat:1:{i}"] = Stopwatch.GetTimestamp();
                await pb.PublishAsync(Mqtt.Event("pb-lat", i, "panic"));
                await Task.Delay(40);
            }
        }
        var deadline = Stopwatch.StartNew();
        while (latencies.Count < panics && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        await background.DisposeAsync();
        Directory.Delete(dir, true);
        if (latencies.Count < panics) throw new InvalidOperationException($"only {latencies.Count}/{panics} panics arrived upstream");
        var sorted = latencies.Order().ToArray();
        return (Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    /// <summary>4. backlog of <paramref name="events"/> P2/P3 (pre-filled into the SQLite file with the gateway stopped), uplink up, one panic.</summary>
    /// <param name="batched">Routine events several to an upstream message (<c>Uplink:Mqtt:BatchRoutine</c>).</param>
    public static async Task<(double PanicMs, double DrainPerSecond, double FillSeconds)> BacklogAsync(int events, bool batched = false)
    {
        var dir = Paths.Temp("backlog");
        using (ChildProcess.Gateway(dir, ChildProcess.FreePort())) { } // creates the schema; then SIGKILLed
        var fill = Stopwatch.StartNew();
        using (var c = new SqliteConnection($"Data Source={Path.Combine(dir, "buffer.db")};Pooling=False"))
        {
            c.Open();
            using var tx = c.BeginTransaction();
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO events(id, dev, type, prio, rcv, payload) VALUES($id, $dev, $type, $prio, $rcv, $payload)";
            var pid = cmd.Parameters.Add("$id", SqliteType.Text);
            var pdev = cmd.Parameters.Add("$dev", SqliteType.Text);
            var ptype = cmd.Parameters.Add("$type", SqliteType.Text);
            var pprio = cmd.Parameters.Add("$prio", SqliteType.Integer);
            var prcv = cmd.Parameters.Add("$rcv", SqliteType.Integer);
            var ppay = cmd.Parameters.Add("$payload", SqliteType.Blob);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < events; i++)
            {
                var dev = $"bk-{i % 500}";
                var seq = (i / 500) + 1;
                var type = i % 2 == 0 ? "test" : "heartbeat";
                pid.Value = $"{dev}:1:{seq}";
                pdev.Value = dev;
                ptype.Value = type;
                pprio.Value = type == "test" ? 2 : 3;
                prcv.Value = now;
                ppay.Value = Mqtt.Envelope(dev, seq, type);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        var fillSeconds = fill.Elapsed.TotalSeconds;

        long count = 0, firstTicks = 0, lastTicks = 0, panicTicks = 0;
        using var up = ChildProcess.Mosquitto(dir, ChildProcess.FreePort());
        using var sub = await Mqtt.SubscribeAsync(up.Port, "edge/#", p =>
        {
            var now = Stopwatch.GetTimestamp();
            var carried = EventsIn(p);
            if (p.AsSpan().IndexOf("\"pb-backlog:1:1\""u8) >= 0) Volatile.Write(ref panicTicks, now); // before the count that may end the wait
            if (Interlocked.Add(ref count, carried) == carried) firstTicks = now;
            Volatile.Write(ref lastTicks, now);
        });
        using var g = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={up.Port}", $"--Uplink:Mqtt:BatchRoutine={batched}");
        var wait = Stopwatch.StartNew();
        while (Interlocked.Read(ref count) < 1000 && wait.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(5);
        using var pb = await Mqtt.ConnectAsync(g.Port, "pb-backlog");
        var pressed = Stopwatch.GetTimestamp();
        await pb.PublishAsync(Mqtt.Event("pb-backlog", 1, "panic"));
        // Until the backlog and the panic are up: the gateway's own events (gateway_status, ...) also count, so the count
        // alone can reach events + 1 before the panic has arrived.
        while ((Interlocked.Read(ref count) < events + 1 || Volatile.Read(ref panicTicks) == 0) && wait.Elapsed < TimeSpan.FromMinutes(5)) await Task.Delay(50);
        Directory.Delete(dir, true);
        if (panicTicks == 0) throw new InvalidOperationException("the panic never arrived upstream");
        var drained = Interlocked.Read(ref count);
        return (Stopwatch.GetElapsedTime(pressed, panicTicks).TotalMilliseconds,
            drained / Stopwatch.GetElapsedTime(firstTicks, lastTicks).TotalSeconds, fillSeconds);
    }

    /// <summary>5. cold start to accepting connections, and RSS with 1,000 idle devices connected.</summary>
    public static async Task<(double StartMs, double IdleRssMb, double RssWith1000Mb)> FootprintAsync(GatewayBuild? build = null) =>
        (await FootprintWithCpuAsync(build)).Footprint;

    /// <summary>As <see cref="FootprintAsync"/>, plus the CPU time the gateway used until it accepted connections.</summary>
    public static async Task<((double StartMs, double IdleRssMb, double RssWith1000Mb) Footprint, double StartCpuMs)> FootprintWithCpuAsync(GatewayBuild? build)
    {
        var devices = BenchScale.FootprintDevices;
        var dir = Paths.Temp("footprint");
        var sw = Stopwatch.StartNew();
        using var g = ChildProcess.Gateway(build ?? GatewayBuild.FrameworkDependent, dir, ChildProcess.FreePort());
        var start = sw.Elapsed.TotalMilliseconds;
        var startCpu = g.CpuMs();
        await Task.Delay(BenchScale.Quick ? 200 : 1000); // let the start settle before reading idle RSS
        var idle = g.RssMb();
        var clients = new List<MQTTnet.IMqttClient>();
        for (var i = 0; i < devices; i += 50)
            clients.AddRange(await Task.WhenAll(Enumerable.Range(i, Math.Min(50, devices - i)).Select(k => Mqtt.ConnectAsync(g.Port, $"idle-{k}"))));
        await Task.Delay(BenchScale.Quick ? 500 : 3000); // let the sessions settle before reading RSS
        var rss = g.RssMb();
        foreach (var c in clients) c.Dispose();
        Directory.Delete(dir, true);
        return ((start, idle, rss), startCpu);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
