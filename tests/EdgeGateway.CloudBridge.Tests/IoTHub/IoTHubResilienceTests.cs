using EdgeGateway.Contracts;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// Token renewal, outage and recovery, a stalled hub, one connection per identity, the circuit breaker, and resets
/// that close only the connection they name.
/// </summary>
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

        await Eventually.TrueAsync(() => up.Transport.Connects >= 3, Wait, "two token renewals");
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
        await using var up = new UplinkUnderTest(hub, "gw-o", o => o.ConnectTimeout = TimeSpan.FromSeconds(1), r => r.Attempts = 2);
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
        await using var up = new UplinkUnderTest(hub, "gw-s", o => o.AckTimeout = TimeSpan.FromMilliseconds(400), r => r.Attempts = 2);
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        var connectsBefore = up.Transport.Connects;

        hub.Stall();
        var stalled = new[] { Messages.Panic("pb-1", 2), Messages.Panic("pb-1", 3) };
        await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync(stalled, CancellationToken.None));
        Assert.True(up.Transport.Connects > connectsBefore, "the stalled link was not rebuilt");
        hub.Resume();

        await up.Uplink.SendAsync(stalled, CancellationToken.None);
        var ids = hub.Telemetry.SelectMany(t => t.EventIds).ToList();
        Assert.Contains("pb-1:1:2", ids);
        Assert.Contains("pb-1:1:3", ids);
        // Duplicates are possible and harmless: every copy carries the event's own id (alarms that waited for the rebuilt
        // link went up packed, each with its id inside, the message named after the first).
        Assert.All(hub.Telemetry, t => Assert.Equal(t.EventIds.Count == 1 ? t.EventIds[0] : $"{t.EventIds[0]}+{t.EventIds.Count}", t.MessageId));
        // No Takeovers assertion here: the stalled hub never read the old connection's DISCONNECT, so from its side
        // the fresh connection takes over a session the uplink had already closed.
    }

    [Fact]
    public async Task The_circuit_opens_after_exactly_the_configured_failures_in_a_row_after_many_successes_and_a_panic_still_gets_an_attempt()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-c", o => o.ConnectTimeout = TimeSpan.FromSeconds(5), r =>
        {
            r.Attempts = 1;
            r.BreakAfterFailures = 3;
            r.BreakDuration = TimeSpan.FromMinutes(10);
        });
        for (var i = 1; i <= 20; i++) await up.Uplink.SendAsync([Checkin(i)], CancellationToken.None);
        await hub.GoOfflineAsync();
        // Each attempt below fails with the keeper's next connect attempt (refused), not with the 5 s wait.

        for (var i = 1; i <= 3; i++)
        {
            Assert.False(up.Uplink.CircuitOpen, $"the circuit opened after {i - 1} failure(s)");
            var failed = await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Checkin(100 + i)], CancellationToken.None));
            Assert.DoesNotContain("circuit open", failed.Message, StringComparison.Ordinal);
        }

        Assert.True(up.Uplink.CircuitOpen, "3 failures in a row after 20 successes did not open the circuit");
        var open = await Assert.ThrowsAsync<UplinkException>(() => up.Uplink.SendAsync([Checkin(200)], CancellationToken.None));
        Assert.Contains("circuit open", open.Message, StringComparison.Ordinal);
        Assert.Single(up.Logs.Entries, e => e.Message.Contains("circuit is open", StringComparison.Ordinal));

        // The break lasts ten minutes, but an alarm never waits for it: the panic is tried, goes up and closes the circuit.
        await hub.ComeBackAsync();
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        Assert.Contains(hub.Telemetry, t => t.MessageId == "pb-1:1:1");
        Assert.False(up.Uplink.CircuitOpen);
    }

    [Fact]
    public async Task A_reset_naming_an_older_connection_leaves_the_current_one_up()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-g");
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 1)], CancellationToken.None);
        var first = up.Transport.Generation;

        await hub.KickAsync("gw-g");
        await Eventually.TrueAsync(() => up.Transport.Generation > first && hub.IsConnectedAsync("gw-g").GetAwaiter().GetResult(), Wait, "the link to reconnect");
        var current = up.Transport.Generation;
        var connects = hub.Connects;

        // A send that used the old connection times out late and resets "its" connection: nothing happens.
        Assert.False(await up.Transport.ResetAsync(first));
        await up.Uplink.SendAsync([Messages.Panic("pb-1", 2)], CancellationToken.None);
        Assert.Equal(connects, hub.Connects);
        Assert.Equal(current, up.Transport.Generation);
        Assert.True(await hub.IsConnectedAsync("gw-g"));

        // Naming the current connection does close it, and the keeper builds the next one.
        Assert.True(await up.Transport.ResetAsync(current));
        await Eventually.TrueAsync(() => up.Transport.Generation > current, Wait, "the link to reconnect after the reset");
        Assert.Equal(0, hub.Takeovers);
    }

    [Fact]
    public async Task Messages_in_flight_when_the_hub_drops_the_link_are_resent_within_the_same_send()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-k", o => o.SendRatePerSecond = 20);
        // An alarm batch (so the resilience layer retries it at once) whose tamper events go one per message at 20/s.
        var batch = new[] { Messages.Panic("pb-1", 1) }
            .Concat(Enumerable.Range(2, 59).Select(i => Messages.Of("tamper", PriorityClass.P1, "pb-1", i))).ToArray();

        var send = up.Uplink.SendAsync(batch, CancellationToken.None);
        await Eventually.TrueAsync(() => hub.Telemetry.Count >= 10, Wait, "the drain to be under way");
        await hub.KickAsync("gw-k");
        await send; // completes only when every message has been acked, over the new connection

        Assert.True(up.Transport.Connects >= 2, "the dropped link was not rebuilt");
        var ids = hub.Telemetry.Select(t => t.MessageId).ToList();
        Assert.All(batch, p => Assert.Contains(p.EventId, ids));
        // What was acked before the drop is not sent again.
        Assert.Single(ids, id => id == "pb-1:1:2");
    }

    private static Contracts.Uplink.UplinkMessage Checkin(int seq) => Messages.Of("checkin", PriorityClass.P2, "cb-1", seq);
}
