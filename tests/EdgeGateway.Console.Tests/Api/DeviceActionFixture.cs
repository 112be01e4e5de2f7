using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// One gateway with two connected virtual panic buttons (pb-0500, heartbeat every second with 3.712 V and -67 dBm;
/// pb-0503, which technicians' tests never command), pb-0501 and pb-0504 registered but offline, cb-0500 a beacon,
/// pb-0502 revoked, at most <see cref="MaxQueued"/> commands kept per device, and a session per role.
/// </summary>
public sealed class DeviceActionFixture : IAsyncLifetime
{
    public const int MaxQueued = 2;

    internal ConsoleHarness Console { get; private set; } = null!;
    internal VirtualPanicButton Device { get; private set; } = null!;
    internal VirtualPanicButton Untouched { get; private set; } = null!;
    internal ConsoleSession Operator { get; private set; } = null!;
    internal ConsoleSession Technician { get; private set; } = null!;
    internal ConsoleSession Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Console = await ConsoleHarness.StartAsync($"--Commands:MaxQueuedPerDevice={MaxQueued}");
        var now = DateTimeOffset.UtcNow;
        foreach (var id in new[] { "pb-0500", "pb-0501", "pb-0502", "pb-0503", "pb-0504" })
            Console.Gateway.Registry.Add(id, "panic-button", "north", null, "0123456789abcdef-secret", now);
        Console.Gateway.Registry.Add("cb-0500", "checkpoint-beacon", "north", "cp-0500", "0123456789abcdef-secret", now);
        Console.Gateway.Registry.Revoke("pb-0502");
        Device = await StartAsync("pb-0500", 1000);
        Device.Sensors.BatteryMillivolts = 3712;
        Device.Sensors.Rssi = -67;
        Untouched = await StartAsync("pb-0503", 60000);
        Operator = await Console.LoginAsync("op", OperatorRole.Operator);
        Technician = await Console.LoginAsync("tech", OperatorRole.Technician);
        Admin = await Console.LoginAsync("boss", OperatorRole.Admin);
    }

    private async Task<VirtualPanicButton> StartAsync(string id, long heartbeatMs)
    {
        var device = new VirtualPanicButton(new MqttLinkOptions { Port = Console.Gateway.Port, DeviceId = id }, MemoryFlashStore.WithNextBoot(3),
            settings: new PanicButtonSettings { HeartbeatMs = heartbeatMs });
        await device.StartAsync(CancellationToken.None);
        return device;
    }

    public async Task DisposeAsync()
    {
        Operator.Dispose();
        Technician.Dispose();
        Admin.Dispose();
        await Device.DisposeAsync();
        await Untouched.DisposeAsync();
        await Console.DisposeAsync();
    }
}
