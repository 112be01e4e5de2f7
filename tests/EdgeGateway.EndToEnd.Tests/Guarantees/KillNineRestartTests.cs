using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>
/// G1 + G2 + G3 + G9 with real processes: a real gateway process is SIGKILLed repeatedly while devices stream
/// events into it, and restarted on the same data directory. Every event whose PUBACK a device received must
/// reach the real Mosquitto upstream; repeats are allowed and carry the same id.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class KillNineRestartTests
{
    private static readonly string[] Types = ["test", "tamper", "panic", "heartbeat", "checkin"];

    [Fact]
    public async Task Five_kill_9_restarts_mid_stream_lose_no_acked_event()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        using var data = new TempDir("kill9");
        await using var gateway = await GatewayProcess.StartAsync(data.Path, "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstream.Port}",
            "--Uplink:Mqtt:AckTimeout=00:00:02", "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.500",
            "--Forwarder:BatchSize=32");

        const int devicesCount = 4, perDevice = 80;
        var devices = Enumerable.Range(1, devicesCount).Select(i => new RetryingDevice($"kd-{i}", gateway.Port)).ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var streams = devices.Select(d => Task.Run(async () =>
        {
            for (var n = 0; n < perDevice; n++)
            {
                var type = Types[n % Types.Length];
                var data = type == "checkin" ? $"{{\"card\":\"c{n % 3}\",\"checkpoint\":\"cp1\"}}" : "{}";
                await d.SendAsync(type, cts.Token, data);
            }
        })).ToArray();

        var kills = 0;
        var total = devicesCount * perDevice;
        while (kills < 5)
        {
            var target = Math.Min(total - 10, (kills + 1) * total / 7);
            await Eventually.TrueAsync(() => devices.Sum(d => d.Acked.Count) >= target, TimeSpan.FromSeconds(30),
                $"{target} events acked before kill {kills + 1}\n{gateway.Log}");
            await gateway.KillAsync();
            kills++;
            await gateway.RestartAsync();
        }
        await Task.WhenAll(streams).WaitAsync(TimeSpan.FromSeconds(60));

        var acked = devices.SelectMany(d => d.Acked).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(total, acked.Count);
        Assert.True(devices.Sum(d => d.Retries) > 0, "the kills never interrupted a publish; the test proved nothing");
        await Eventually.TrueAsync(() => acked.All(UpstreamIds.Count(subscriber.Messages).ContainsKey), TimeSpan.FromSeconds(30),
            "every acked event upstream; missing: " + string.Join(",", acked.Except(UpstreamIds.Count(subscriber.Messages).Keys).Take(20)));

        // Upstream holds nothing that was not sent, and a repeat is the same event (same id, same seq).
        var upstreamIds = UpstreamIds.Count(subscriber.Messages);
        Assert.Subset(devices.SelectMany(d => Enumerable.Range(1, (int)d.Seq).Select(s => $"{d.DeviceId}:1:{s}")).ToHashSet(), upstreamIds.Keys.ToHashSet());
        foreach (var (_, payload) in subscriber.Messages)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(payload);
            var id = doc.RootElement.GetProperty("id").GetString()!;
            var evt = doc.RootElement.GetProperty("evt");
            Assert.Equal(id, $"{evt.GetProperty("dev").GetString()}:{evt.GetProperty("boot").GetInt64()}:{evt.GetProperty("seq").GetInt64()}");
        }
        foreach (var d in devices) await d.DisposeAsync();
    }

    private static long BufferedEvents(string dbPath)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM events";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_retry_after_a_kill_9_restart_is_recognised_by_its_id_acked_and_not_sent_up_again()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        using var data = new TempDir("kill9-dup");
        await using var gateway = await GatewayProcess.StartAsync(data.Path, "--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstream.Port}");
        await using var device = new RetryingDevice("dup-1", gateway.Port);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a device that can never deliver fails the test, not hangs it
        var first = await device.SendAsync("tamper", cts.Token);
        await subscriber.WaitForAsync((_, p) => UpstreamIds.Of(p).Contains(first), TimeSpan.FromSeconds(15));
        // Killed only after the delete is committed; a kill between the hub's ack and the delete would rightly
        // resend it (at least once, G3), which is not what this test is about.
        await Eventually.TrueAsync(() => BufferedEvents(Path.Combine(data.Path, "buffer.db")) == 0, TimeSpan.FromSeconds(15), "the delete after the upstream ack");

        await gateway.KillAsync();
        await gateway.RestartAsync();
        // As if its PUBACK had been lost, the device and sends the same id again, to the new process.
        Assert.Equal(first, await device.TrySendAsync("tamper", 50, cts.Token, repeatSeq: 1));
        var marker = await device.SendAsync("tamper", cts.Token);
        await subscriber.WaitForAsync((_, p) => UpstreamIds.Of(p).Contains(marker), TimeSpan.FromSeconds(15));

        // Same device and class arrive in order (G5): the marker came after anything the retry could have caused.
        Assert.Equal(1, UpstreamIds.Count(subscriber.Messages)[first]);
    }
}
