using System.Globalization;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 10: bytes written to storage per event (an SD card wears out by them), as the growth of the gateway's
/// <c>write_bytes</c> from its first event until the last has been forwarded to the file sink (so the delete after the
/// upstream ack is counted). One device sending check-ins one at a time (each waits for its PUBACK, so each is its own
/// durable commit), and 20 devices at 1,000 events/s in total. Each with the defaults (patrol module and console
/// history journal on) and with both off, to show what they add. The file sink stands in for a remote hub, so it
/// writes to tmpfs (<c>/dev/shm</c>, which has no backing device and adds nothing to <c>write_bytes</c>) when there is
/// one: what is measured is the gateway's own storage, not the stand-in's.
/// </summary>
internal static class DiskWrites
{
    public sealed record Result(string Load, bool Extras, long Events, double BytesPerEvent);

    public static async Task<List<Result>> RunAsync(int oneByOne, TimeSpan atThousand)
    {
        var results = new List<Result>();
        foreach (var extras in new[] { true, false })
        {
            results.Add(await MeasureAsync("one at a time", extras, async port =>
            {
                using var device = await Mqtt.ConnectAsync(port, "cb-9999");
                for (var seq = 1; seq <= oneByOne; seq++) await device.PublishAsync(Checkin("cb-9999", seq));
                return oneByOne;
            }));
            results.Add(await MeasureAsync("1,000 events/s", extras, async port =>
            {
                var sent = 0L;
                await Task.WhenAll(Enumerable.Range(0, 20).Select(async d =>
                {
                    var dev = "cb-9" + d.ToString("D3", CultureInfo.InvariantCulture);
                    using var device = await Mqtt.ConnectAsync(port, dev);
                    using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20)); // 20 devices × 50/s
                    var end = DateTime.UtcNow + atThousand;
                    for (var seq = 1; DateTime.UtcNow < end && await tick.WaitForNextTickAsync(); seq++)
                    {
                        await device.PublishAsync(Checkin(dev, seq));
                        Interlocked.Increment(ref sent);
                    }
                }));
                return sent;
            }));
        }
        return results;
    }

    private static async Task<Result> MeasureAsync(string load, bool extras, Func<int, Task<long>> send)
    {
        var dir = Paths.Temp("disk");
        var sink = Path.Combine(Directory.Exists(SinkDir) ? SinkDir : dir, $"edgegw-bench-sink-{Guid.NewGuid():N}.jsonl");
        try
        {
            string[] args = [$"--Uplink:File:Path={sink}", .. extras ? Array.Empty<string>() : ["--Patrols:Enabled=false", "--Console:Enabled=false"]];
            using var gateway = ChildProcess.Gateway(dir, ChildProcess.FreePort(), args);
            await Task.Delay(2000); // let the start's own writes (schemas, first checkpoint) settle before the baseline
            var before = gateway.WriteBytes();
            var events = await send(gateway.Port);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Lines(sink) < events && DateTime.UtcNow < deadline) await Task.Delay(100);
            // The deletes after the sink's acks are committed with the next group or the next maintenance (every second):
            // count those writes too.
            await Task.Delay(2500);
            return new Result(load, extras, events, (double)(gateway.WriteBytes() - before) / events);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(sink);
        }
    }

    /// <summary>tmpfs: the sink's writes do not reach a block device, so they are not counted.</summary>
    private const string SinkDir = "/dev/shm";

    /// <summary>A tap with its own card, so the debounce merges none of them (each still carries a debounce key).</summary>
    private static MQTTnet.MqttApplicationMessage Checkin(string dev, long seq) =>
        Mqtt.Event(dev, seq, "checkin", $"{{\"card\":\"{seq:X8}\",\"checkpoint\":\"cp-0001\"}}");

    private static long Lines(string path)
    {
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long n = 0;
        var buffer = new byte[65536];
        for (int read; (read = stream.Read(buffer)) > 0;) n += buffer.AsSpan(0, read).Count((byte)'\n');
        return n;
    }
}
