using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>The uplink against the IoT Hub contract emulator: property bag, batching, limits, rate.</summary>
public sealed class IoTHubTelemetryTests
{
    [Fact]
    public async Task A_panic_goes_to_the_events_topic_with_the_documented_url_encoded_property_bag()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-1");

        await up.Uplink.SendAsync([Messages.Panic("pb-1", 7)], CancellationToken.None);

        var t = Assert.Single(hub.Telemetry);
        Assert.StartsWith("devices/gw-1/messages/events/", t.Topic, StringComparison.Ordinal);
        Assert.Contains("%24.ct=application%2Fjson", t.Topic, StringComparison.Ordinal);
        Assert.Equal("pb-1:1:7", t.MessageId);
        Assert.Equal("application/json", t.Properties["$.ct"]);
        Assert.Equal("utf-8", t.Properties["$.ce"]);
        Assert.Equal("panic", t.Properties["type"]);
        Assert.Equal("P0", t.Properties["prio"]);
        Assert.Equal("pb-1", t.Properties["dev"]);
        Assert.False(t.Retain);
        Assert.Equal("pb-1:1:7", JsonDocument.Parse(t.Body).RootElement.GetProperty("id").GetString());
        Assert.Empty(hub.Violations);
        Assert.Equal(1, up.Transport.Connects);
        Assert.DoesNotContain(up.ConnectionString.Split("SharedAccessKey=")[1], up.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P0_goes_alone_and_first_while_P2_and_P3_are_batched_in_order_below_256_KB()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-2");
        var batch = new List<UplinkMessage>();
        for (var i = 1; i <= 500; i++) batch.Add(Messages.Of("checkin", PriorityClass.P2, "cb-1", i, padding: 700));
        for (var i = 1; i <= 40; i++) batch.Add(Messages.Of("heartbeat", PriorityClass.P3, $"pb-{i}", 1000 + i, padding: 100));
        batch.Add(Messages.Panic("pb-9", 1));

        await up.Uplink.SendAsync(batch, CancellationToken.None);

        Assert.Empty(hub.Violations);
        var received = hub.Telemetry;
        Assert.Equal("pb-9:1:1", received[0].MessageId); // P0 went first, alone
        Assert.False(received[0].Properties.ContainsKey("batch"));
        var p2 = received.Where(t => t.Properties["prio"] == "P2").ToList();
        Assert.True(p2.Count >= 2, $"500 × ~0.9 KB must need more than one 256 KB message, got {p2.Count}");
        Assert.All(p2, t => Assert.True(t.Topic.Length + t.Body.Length <= IoTHubEmulator.MaxMessageBytes));
        Assert.All(p2, t => Assert.Equal(t.EventIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Properties["batch"]));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"cb-1:1:{i}"), p2.SelectMany(t => t.EventIds)); // order kept
        var p3 = Assert.Single(received, t => t.Properties["prio"] == "P3");
        Assert.Equal(40, p3.EventIds.Count);
        Assert.Equal(batch.Count, received.Sum(t => t.EventIds.Count));
    }

    [Fact]
    public async Task The_send_rate_limit_shapes_a_drain_and_nothing_is_lost()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-3", o => o.SendRatePerSecond = 20);
        // P1 events go one per message (alarms that wait for the rate would be packed instead: the next test).
        var tampers = Enumerable.Range(1, 30).Select(i => Messages.Of("tamper", PriorityClass.P1, "pb-1", i)).ToArray();

        var started = System.Diagnostics.Stopwatch.StartNew();
        await up.Uplink.SendAsync(tampers, CancellationToken.None);
        started.Stop();

        // A bucket of 20 with 20/s refill cannot pass 30 sends before 10 of them have been refilled (0.5 s).
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(450), $"30 sends at 20/s took only {started.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(tampers.Select(p => p.EventId), hub.Telemetry.Select(t => t.MessageId));
    }

    [Fact]
    public async Task With_packing_on_panics_that_wait_for_the_send_rate_go_up_together_each_with_its_own_id_and_in_order()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-4", o =>
        {
            o.SendRatePerSecond = 20;
            o.PackWaitingAlarms = true;
        });
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-4").GetAwaiter().GetResult(), TimeSpan.FromSeconds(15), "the first connect");
        var panics = Enumerable.Range(1, 60).Select(i => Messages.Panic($"pb-{i % 4}", i)).ToArray();

        // The first on its own: once it is acked the link is up, so the burst below waits for nothing but the send rate
        // (alarms that find the link still coming up wait for it and would all go together in one message).
        await up.Uplink.SendAsync([panics[0]], CancellationToken.None);
        // Each panic its own send, as the forwarder sends them.
        await Task.WhenAll(panics.Skip(1).Select(p => up.Uplink.SendAsync([p], CancellationToken.None)));

        var received = hub.Telemetry;
        // The bucket's burst (20, and the slot at "now") goes one panic per message; the rest waited and were packed.
        Assert.InRange(received.Count, 2, 30);
        Assert.Equal(panics.Select(p => p.EventId), received.SelectMany(t => t.EventIds)); // each once, in order
        var packed = received.Where(t => t.Properties.ContainsKey("batch")).ToList();
        Assert.NotEmpty(packed);
        Assert.All(packed, t => Assert.Equal("P0", t.Properties["prio"]));
        Assert.All(received, t => Assert.Equal("P0", t.Properties["prio"]));
        Assert.Empty(hub.Violations);
    }
}
