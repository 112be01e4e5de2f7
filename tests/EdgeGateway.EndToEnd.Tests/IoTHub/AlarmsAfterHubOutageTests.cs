using System.Diagnostics;
using EdgeGateway.Core.Buffer;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EdgeGateway.EndToEnd.Tests.IoTHub;

/// <summary>
/// G4 after an IoT Hub outage. The forwarder's backoff is ten minutes and the link's reconnect backoff 30–60 s, so a
/// panic that reaches the hub within seconds of its return got there because the alarm itself cut the link's backoff
/// and was sent at once, not because a timer ran out.
/// </summary>
public sealed class AlarmsAfterHubOutageTests(ITestOutputHelper output)
{
    private const int Backlog = 300, Window = 2, BatchSize = 20;

    [Fact]
    public async Task A_panic_pressed_when_the_hub_returns_goes_up_at_once_ahead_of_the_backlog_without_waiting_for_either_backoff()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var gateway = await InProcessGateway.StartAsync(
            "--Uplink:Kind=iothub", "--Gateway:Id=gw-out",
            $"--Uplink:IoTHub:ConnectionString={hub.RegisterDevice("gw-out")}",
            "--Uplink:IoTHub:Host=127.0.0.1", $"--Uplink:IoTHub:Port={hub.Port}", $"--Uplink:IoTHub:CaCertificatePath={hub.CaCertificatePath}",
            "--Uplink:IoTHub:ConnectTimeout=00:00:02",
            "--Uplink:Resilience:Attempts=2", "--Uplink:Resilience:ReconnectMin=00:01:00", "--Uplink:Resilience:ReconnectMax=00:01:00",
            "--Uplink:Resilience:UrgentReconnectGap=00:00:00.2",
            "--Forwarder:RetryMin=00:10:00", "--Forwarder:RetryMax=00:10:00", $"--Forwarder:Window={Window}", $"--Forwarder:BatchSize={BatchSize}",
            "--Logging:LogLevel:Default=Warning");
        var buffer = gateway.Services.GetRequiredService<IEventBuffer>();
        await Eventually.TrueAsync(() => hub.IsConnectedAsync("gw-out"), TimeSpan.FromSeconds(15), "the gateway's first connection");

        // The hub goes away; the backlog piles up; the forwarder's send fails and starts its ten-minute backoff.
        await hub.GoOfflineAsync();
        await using var beacon = new RetryingDevice("cb-out", gateway.Port);
        for (var i = 0; i < Backlog; i++) await beacon.SendAsync("checkin", CancellationToken.None);
        await Eventually.TrueAsync(() => gateway.Metrics.UplinkFailureTotal > 0, TimeSpan.FromSeconds(30), "the forwarder to fail and back off");

        // The hub is back; the link would retry only in 30–60 s. A resident presses right away.
        await hub.ComeBackAsync();
        await using var button = new RetryingDevice("pb-out", gateway.Port);
        var pressed = Stopwatch.StartNew();
        var panicId = await button.SendAsync("panic", CancellationToken.None);
        var backlogAtPress = buffer.Count - 1;

        await Eventually.TrueAsync(() => hub.Telemetry.Any(t => t.MessageId == panicId), TimeSpan.FromSeconds(25), "the panic at the hub");
        var panicLatency = pressed.Elapsed;
        await Eventually.TrueAsync(() => buffer.Count == 0, TimeSpan.FromSeconds(30), "the backlog to drain");

        var arrivals = hub.Telemetry.ToList();
        output.WriteLine($"panic at the hub {panicLatency.TotalMilliseconds:0} ms after the press; {backlogAtPress} events buffered then; "
            + $"{hub.Connects} connections in all");
        var panicAt = arrivals.FindIndex(t => t.MessageId == panicId);
        var backlogAfterPanic = arrivals.Skip(panicAt + 1).SelectMany(t => t.EventIds).Count(id => id.StartsWith("cb-out:", StringComparison.Ordinal));
        Assert.True(panicLatency < TimeSpan.FromSeconds(10), $"the panic took {panicLatency.TotalSeconds:0.0} s");
        Assert.True(backlogAfterPanic >= backlogAtPress - (2 * Window * BatchSize),
            $"{backlogAtPress} backlog events were buffered at the press, only {backlogAfterPanic} went up after the panic");
        var delivered = arrivals.SelectMany(t => t.EventIds).Where(id => id.StartsWith("cb-out:", StringComparison.Ordinal)).Distinct().Count();
        Assert.Equal(Backlog, delivered);
        // uplink_restored is emitted after the first success, beside the backlog: it may reach the hub after the buffer emptied.
        await Eventually.TrueAsync(() => hub.Telemetry.Any(t => t.Properties.GetValueOrDefault("type") == "uplink_restored" || t.Body.AsSpan().IndexOf("uplink_restored"u8) >= 0),
            TimeSpan.FromSeconds(30), "uplink_restored at the hub");
        Assert.Equal(1, hub.MaxConcurrentConnections);
    }
}
