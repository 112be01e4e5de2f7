using EdgeGateway.Contracts;
using EdgeGateway.Core.Buffer;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.EndToEnd.Tests.Guarantees;

/// <summary>G7 through the real gateway: quota shedding P3 then P2, never P0/P1, refusal when only they are left; TTL.</summary>
public sealed class QuotaAndTtlTests
{
    [Fact]
    public async Task At_the_quota_P3_is_shed_then_P2_never_P1_and_then_the_gateway_stops_acking_and_every_kept_event_goes_up()
    {
        var upstreamPort = FreePort.Next();
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}",
            "--Buffer:QuotaMb=0.05", "--Debounce:HeartbeatWindow=00:00:00", "--Forwarder:RetryMin=00:00:00.050", "--Forwarder:RetryMax=00:00:00.200");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();
        await using var device = new RetryingDevice("q-1", gateway.Port);
        var p1 = new List<string>();
        for (var i = 0; i < 60; i++) await device.SendAsync("heartbeat", CancellationToken.None);
        for (var i = 0; i < 60; i++) await device.SendAsync("test", CancellationToken.None);
        Assert.Equal(0, gateway.Metrics.ShedTotal + gateway.Metrics.BufferFullTotal);
        string? refused = null;
        for (var i = 0; i < 400 && refused is null; i++)
        {
            var id = await device.TrySendAsync("tamper", 1, CancellationToken.None);
            if (id is null) refused = $"q-1:1:{device.Seq}";
            else p1.Add(id);
        }

        Assert.NotNull(refused); // stopped acking once only P1 was left
        Assert.Equal(60, gateway.Metrics.Shed(PriorityClass.P3)); // all P3 first
        Assert.Equal(60, gateway.Metrics.Shed(PriorityClass.P2)); // then all P2
        Assert.Equal(0, gateway.Metrics.Shed(PriorityClass.P1) + gateway.Metrics.Shed(PriorityClass.P0));
        Assert.True(gateway.Metrics.BufferFullTotal >= 1);
        Assert.Equal(p1.Count, buffer.Count);
        var shedLogs = gateway.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("shed q-1:1:", StringComparison.Ordinal)).ToList();
        Assert.Equal(120, shedLogs.Count);
        Assert.Contains("shed q-1:1:1 heartbeat P3", shedLogs[0].Message, StringComparison.Ordinal); // oldest first
        Assert.Contains("shed q-1:1:61 test P2", shedLogs[60].Message, StringComparison.Ordinal);

        // The uplink returns: every acked P1 goes up; the refused one never was acked and is not there.
        await using var upstream = await MosquittoProcess.StartAsync();
        await using var subscriber = await UpstreamSubscriber.ConnectAsync(upstream.Host, upstream.Port, "edge/#");
        await using var relay = await TcpRelay.StartAsync(upstreamPort, upstream.Port);
        await Eventually.TrueAsync(() => p1.All(UpstreamIds.Count(subscriber.Messages).ContainsKey), TimeSpan.FromSeconds(15), "every acked P1 upstream");
        Assert.DoesNotContain(refused, UpstreamIds.Count(subscriber.Messages).Keys);
    }

    [Fact]
    public async Task P3_older_than_its_ttl_is_expired_counted_and_logged_and_P1_is_kept()
    {
        var upstreamPort = FreePort.Next();
        await using var gateway = await InProcessGateway.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={upstreamPort}",
            "--Buffer:TtlP3=00:00:00.300", "--Buffer:MaintenanceInterval=00:00:00.050", "--Debounce:HeartbeatWindow=00:00:00");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();
        await using var device = new RetryingDevice("t-1", gateway.Port);
        for (var i = 0; i < 5; i++) await device.SendAsync("heartbeat", CancellationToken.None);
        await device.SendAsync("tamper", CancellationToken.None);

        await Eventually.TrueAsync(() => gateway.Metrics.Expired(PriorityClass.P3) == 5, TimeSpan.FromSeconds(10), "the heartbeats to expire");
        Assert.Equal(1, buffer.Count); // the tamper stays
        Assert.Equal(5, gateway.Logs.Entries.Count(e => e.Message.Contains("expired t-1:1:", StringComparison.Ordinal)));
    }
}
