using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>Token renewal, outage and recovery, a stalled hub, and one connection per identity.</summary>
public sealed class IoTHubResilienceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_token_is_renewed_by_reconnecting_before_the_hub_would_cut_it_off()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-t", o =>
        {
            o.TokenLifetime = TimeSpan.FromSeconds(3);
            o.TokenRenewBefore = TimeSpan.FromSeconds(2);
        });

        await Eventually.TrueAsync(() => up.Uplink.Connects >= 3, Wait, "two token renewals");
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);

        Assert.Equal(0, hub.ExpiredKicks);
        Assert.Equal(0, hub.Takeovers);
        Assert.Equal(0, hub.RefusedConnects);
        Assert.Contains(hub.Telemetry, t => t.MessageId == "pb-1:1:1");
        Assert.Contains("reconnecting with a fresh token", up.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_fails_the_send_and_the_link_recovers_by_itself_when_the_hub_returns()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-o", o => o.SendAttempts = 2);
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);

        await hub.GoOfflineAsync();
        await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None));
        await hub.ComeBackAsync();

        // The keeper reconnects without any send (so C2D can reach the gateway again).
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-o").GetAwaiter().GetResult(), Wait, "the uplink to reconnect");
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None);
        Assert.Contains(hub.Telemetry, t => t.MessageId == "pb-1:1:2");
        Assert.Equal(0, hub.Takeovers);
    }

    [Fact]
    public async Task A_stalled_hub_is_detected_the_link_rebuilt_and_unacked_messages_resent_with_the_same_ids()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-s", o =>
        {
            o.AckTimeout = TimeSpan.FromMilliseconds(400);
            o.SendAttempts = 2;
        }, run: false);
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        var connectsBefore = up.Uplink.Connects;

        hub.Stall();
        var stalled = new[] { Messages.Panic("pb-1", 2), Messages.Panic("pb-1", 3) };
        await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync(stalled, CancellationToken.None));
        Assert.True(up.Uplink.Connects > connectsBefore, "the stalled link was not rebuilt");
        hub.Resume();

        await up.Uplink.SendAsync(stalled, CancellationToken.None);
        var ids = hub.Telemetry.Select(t => t.MessageId).ToList();
        Assert.Contains("pb-1:1:2", ids);
        Assert.Contains("pb-1:1:3", ids);
        // Duplicates are possible and harmless: every copy carries the event's own id.
        Assert.All(hub.Telemetry, t => Assert.Equal(t.EventIds.Single(), t.MessageId));
        // No Takeovers assertion here: the stalled hub never read the old connection's DISCONNECT, so from its side
        // the fresh connection takes over a session the uplink had already closed.
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_says_so()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-c", o =>
        {
            o.SendAttempts = 1;
            o.BreakAfterFailures = 2;
            o.BreakDuration = TimeSpan.FromSeconds(30);
        }, run: false);
        await hub.GoOfflineAsync();

        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));
        var open = await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None));

        Assert.Contains("circuit open", open.Message, StringComparison.Ordinal);
        Assert.Contains("circuit is open", up.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_in_flight_when_the_hub_drops_the_link_are_resent_within_the_same_send()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-k", o => o.SendRatePerSecond = 20, run: false);
        var panics = Enumerable.Range(1, 60).Select(i => Messages.Panic("pb-1", i)).ToArray();

        var send = up.Uplink.SendAsync(panics, CancellationToken.None);
        await Eventually.TrueAsync(() => hub.Telemetry.Count >= 10, Wait, "the drain to be under way");
        await hub.KickAsync("gw-k");
        await send; // completes only when every message has been acked, over the new connection

        Assert.True(up.Uplink.Connects >= 2, "the dropped link was not rebuilt");
        var ids = hub.Telemetry.Select(t => t.MessageId).ToHashSet();
        Assert.All(panics, p => Assert.Contains(p.EventId, ids));
    }
}
