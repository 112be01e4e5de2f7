using EdgeGateway.Contracts;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>The in-flight cap against the emulator: what waits, waits in the gateway; an alarm has slots of its own.</summary>
public sealed class IoTHubInflightTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_hub_that_holds_its_acks_gets_no_more_than_the_cap_and_a_panic_still_goes_ahead_of_the_waiting_backlog()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        await using var up = new UplinkUnderTest(hub, "gw-cap", o =>
        {
            o.MaxInflight = 5;
            o.MaxAlarmInflight = 1;
            o.AckTimeout = TimeSpan.FromSeconds(30);
        });
        await up.Uplink.SendAsync([Messages.Of("tamper", PriorityClass.P1, "pb-1", 1)], CancellationToken.None); // connected

        hub.Stall();
        var backlog = Enumerable.Range(2, 20).Select(i => Messages.Of("tamper", PriorityClass.P1, "pb-1", i)).ToArray();
        var routine = up.Uplink.SendAsync(backlog, CancellationToken.None);
        await Eventually.TrueAsync(() => up.Transport.InFlight == 4, Wait, "the other messages to fill their 4 slots");
        var panic = up.Uplink.SendAsync([Messages.Panic("pb-9", 1)], CancellationToken.None);
        // Written at once, into the alarms' own slot, while the rest of the backlog waits in the gateway.
        await Eventually.TrueAsync(() => up.Transport.InFlight == 5, Wait, "the panic to be written");
        Assert.False(routine.IsCompleted);

        hub.Resume();
        await Task.WhenAll(routine, panic).WaitAsync(Wait);
        var order = hub.Telemetry.Select(t => t.MessageId).ToList();
        // The hub takes in order what it was given: the 4 written before the panic, then the panic, then the 16 that waited.
        Assert.Equal(5, order.IndexOf("pb-9:1:1"));
        Assert.Equal(21 + 1, order.Count);
        Assert.Equal(1, up.Transport.Connects);
        Assert.Equal(0, up.Warnings);
    }
}
