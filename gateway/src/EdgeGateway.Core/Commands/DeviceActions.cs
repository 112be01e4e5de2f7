using System.Text.Json;
using EdgeGateway.Core.Events;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Devices;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Commands;

/// <summary>
/// A technician's commands to one device, as SPEC.md and firmware/core define them: <c>locate</c> (the device beeps
/// so it can be found) and <c>test_mode</c> (a panic button's presses send <c>test</c> instead of <c>panic</c> for
/// <c>minutes</c>; 0 disarms). They go through <see cref="IDeviceCommandChannel"/> like an ack: <c>delivered</c>
/// (200) when the device took it, <c>queued</c> (202) for an offline device until a short TTL (a beep or a test
/// mode hours later would only confuse). The device answers with <c>cmd_result</c>, which goes upstream.
/// </summary>
public sealed class DeviceActions(IDeviceDirectory directory, IDeviceCommandChannel channel, CommandOptions options, TimeProvider time,
    ILogger<DeviceActions> logger)
{
    public const string Locate = "locate";
    public const string TestMode = "test_mode";

    /// <summary>The firmware's own bound on test mode (<c>PanicButtonSettings.MaxTestModeMs</c>).</summary>
    public const int MaxTestModeMinutes = 60;

    public static readonly TimeSpan LocateTtl = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan TestModeTtl = TimeSpan.FromMinutes(10);

    public Task<CommandReply> LocateAsync(string deviceId, string by, CancellationToken cancellationToken) =>
        SendAsync(deviceId, by, Locate, new DeviceActionBody(Locate, null), LocateTtl, cancellationToken);

    /// <param name="minutes">0..<see cref="MaxTestModeMinutes"/>; 0 disarms.</param>
    public Task<CommandReply> ArmTestModeAsync(string deviceId, int minutes, string by, CancellationToken cancellationToken)
    {
        if (minutes is < 0 or > MaxTestModeMinutes)
            return Task.FromResult(CommandReply.Error(CommandStatus.BadRequest, $"minutes must be 0..{MaxTestModeMinutes} (0 disarms)"));
        if (directory.Find(deviceId) is { } d && d.Type != DeviceKinds.PanicButton)
            return Task.FromResult(CommandReply.Error(CommandStatus.Conflict, $"{deviceId} is a {d.Type}; only a {DeviceKinds.PanicButton} has a test mode"));
        return SendAsync(deviceId, by, TestMode, new DeviceActionBody(TestMode, minutes), TestModeTtl, cancellationToken);
    }

    private async Task<CommandReply> SendAsync(string deviceId, string by, string name, DeviceActionBody body, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var device = directory.Find(deviceId);
        if (device is null) return CommandReply.Error(CommandStatus.NotFound, $"no device '{Text.Shorten(deviceId)}' in the registry");
        if (device.Revoked) return CommandReply.Error(CommandStatus.Conflict, $"{deviceId} is revoked; it cannot connect to take a command");
        var now = time.GetUtcNow();
        var command = new DeviceCommand(name + "-" + Guid.NewGuid().ToString("N"), deviceId, name, JsonSerializer.SerializeToUtf8Bytes(body, CoreJsonContext.Default.DeviceActionBody), now, now + Min(ttl, options.QueueTtl));
        var outcome = await channel.SendAsync(command, cancellationToken).ConfigureAwait(false);
        CommandsLog.DeviceAction(logger, name, deviceId, by, outcome.ToString().ToLowerInvariant());
        return outcome switch
        {
            DeliveryOutcome.Delivered => new CommandReply(CommandStatus.Ok, Reply(deviceId, name, "delivered", command.ExpiresAt)),
            DeliveryOutcome.Queued => new CommandReply(CommandStatus.Accepted, Reply(deviceId, name, "queued", command.ExpiresAt)),
            DeliveryOutcome.QueueFull => CommandReply.Error(CommandStatus.TooManyRequests,
                $"{options.MaxQueuedPerDevice} commands already wait for {deviceId}; {name} was not queued"),
            _ => CommandReply.Error(CommandStatus.Unavailable, $"the gateway's broker is not running; {name} was not queued"),
        };
    }

    private static string Reply(string device, string cmd, string delivery, DateTimeOffset expires) =>
        JsonSerializer.Serialize(new DeviceActionReply(device, cmd, delivery, expires.ToUnixTimeMilliseconds()), CoreJsonContext.Default.DeviceActionReply);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
