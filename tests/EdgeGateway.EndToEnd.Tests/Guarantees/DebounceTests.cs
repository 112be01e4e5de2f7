using System.Text.Json;
using EdgeGateway.Core.Debounce;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>G6 through the real gateway to a real Mosquitto: nothing acked is lost, coalescing lists its ids.</summary>
public sealed class DebounceTests
{
    private static List<JsonElement> Parsed(UpstreamSubscriber s) => s.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

    [Fact]
    public async Task Repeated_panics_go_up_as_updates_with_a_rising_repeat_and_the_first_is_plain()
    {
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstream.Port}");
        await using var device = new RetryingDevice("pb-rep", gateway.Port);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await device.SendAsync("panic", CancellationToken.None));

        await Eventually.TrueAsync(() => ids.All(UpstreamIds.Count(subscriber.Messages).ContainsKey), TimeSpan.FromSeconds(10), "every panic id upstream");
        var msgs = Parsed(subscriber);
        var first = msgs.Single(m => m.GetProperty("id").GetString() == ids[0]);
        Assert.False(first.GetProperty("evt").TryGetProperty("repeat", out _), "the first panic must go up plain, at once");
        var repeats = msgs.Where(m => m.GetProperty("id").GetString() != ids[0])
            .Select(m => m.GetProperty("evt").GetProperty("repeat").GetInt32()).ToList();
        Assert.NotEmpty(repeats);
        Assert.Equal(repeats.OrderBy(r => r), repeats); // rising
        Assert.Equal(4, repeats.Max());
        Assert.All(msgs, m => Assert.Equal("panic", m.GetProperty("type").GetString()));

        // The windows change at run time (e.g. from the twin): with the panic window off, every press is plain.
        gateway.Services.GetRequiredService<IDebounceSettings>().Update(new DebounceOptions { PanicWindow = TimeSpan.Zero });
        var plain = await device.SendAsync("panic", CancellationToken.None);
        var (_, payload) = await subscriber.WaitForAsync((_, p) => UpstreamIds.Of(p).Contains(plain), TimeSpan.FromSeconds(10));
        Assert.False(JsonDocument.Parse(payload).RootElement.GetProperty("evt").TryGetProperty("repeat", out _));
    }

    [Fact]
    public async Task Buffered_heartbeats_collapse_to_the_latest_and_one_card_at_one_checkpoint_is_one_checkin_listing_every_id()
    {
        var upstreamPort = FreePort.Next();
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}",
            "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.200");
        await using var device = new RetryingDevice("cb-1", gateway.Port);
        var heartbeats = new List<string>();
        var cardA = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            heartbeats.Add(await device.SendAsync("heartbeat", CancellationToken.None, $"{{\"bat\":{90 - i}}}"));
            cardA.Add(await device.SendAsync("checkin", CancellationToken.None, "{\"card\":\"04A1\",\"checkpoint\":\"cp-7\"}"));
        }
        var cardB = await device.SendAsync("checkin", CancellationToken.None, "{\"card\":\"04B2\",\"checkpoint\":\"cp-7\"}");
        var dup = await device.TrySendAsync("checkin", 1, CancellationToken.None, "{\"card\":\"04B2\",\"checkpoint\":\"cp-7\"}", repeatSeq: 9);
        Assert.Equal(cardB, dup); // acked again, same id
        Assert.Equal(1, gateway.Metrics.DuplicateTotal);

        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var relay = await TcpRelay.StartAsync(upstreamPort, upstream.Port);
        await Eventually.TrueAsync(() => gateway.Metrics.ForwardedTotal >= 3, TimeSpan.FromSeconds(15), "the buffer to drain");
        // Forwarded once the broker acked; the broker hands each to the subscriber after that.
        await Eventually.TrueAsync(() => Parsed(subscriber).Count(m => m.GetProperty("dev").GetString() == "cb-1") >= 3, TimeSpan.FromSeconds(15),
            "the three events at the subscriber");

        var msgs = Parsed(subscriber);
        var hb = Assert.Single(msgs, m => m.GetProperty("type").GetString() == "heartbeat");
        Assert.Equal(heartbeats[^1], hb.GetProperty("id").GetString());
        Assert.Equal(87, hb.GetProperty("evt").GetProperty("data").GetProperty("bat").GetInt32()); // the latest
        Assert.Equal(heartbeats, hb.GetProperty("evt").GetProperty("ids").EnumerateArray().Select(e => e.GetString()));

        var a = Assert.Single(msgs, m => m.GetProperty("type").GetString() == "checkin" && m.GetProperty("evt").GetProperty("data").GetProperty("card").GetString() == "04A1");
        Assert.Equal(cardA[0], a.GetProperty("id").GetString()); // the first tap is kept
        Assert.Equal(cardA, a.GetProperty("evt").GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, a.GetProperty("evt").GetProperty("repeat").GetInt32());
        Assert.Single(msgs, m => m.GetProperty("id").GetString() == cardB);
        Assert.Equal(3, msgs.Count(m => m.GetProperty("dev").GetString() == "cb-1")); // beside them only the gateway's uplink_restored
    }

    [Fact]
    public async Task Heartbeats_buffered_while_the_uplink_is_down_go_up_in_updates_of_at_most_MaxIdsPerUpdate_ids_and_none_is_lost()
    {
        var upstreamPort = FreePort.Next();
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}", "--Debounce:MaxIdsPerUpdate=4",
            "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.200");
        await using var device = new RetryingDevice("hb-cap", gateway.Port);
        var heartbeats = new List<string>();
        for (var i = 0; i < 10; i++) heartbeats.Add(await device.SendAsync("heartbeat", CancellationToken.None, $"{{\"bat\":{90 - i}}}"));

        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var relay = await TcpRelay.StartAsync(upstreamPort, upstream.Port);
        await Eventually.TrueAsync(() => heartbeats.All(UpstreamIds.Count(subscriber.Messages).ContainsKey), TimeSpan.FromSeconds(15), "every heartbeat id upstream");

        var updates = Parsed(subscriber).Where(m => m.GetProperty("type").GetString() == "heartbeat")
            .Select(m => m.GetProperty("evt").GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
        Assert.Equal([4, 4, 2], updates.Select(u => u.Count));
        Assert.Equal(heartbeats, updates.SelectMany(u => u));
    }
}
