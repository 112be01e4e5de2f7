using System.Collections.Concurrent;
using System.Text.Json;
using EdgeGateway.CloudBridge.Commands;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>The gateway side of the command seam, recording what the cloud asked for. Knows only <see cref="KnownEvents"/>.</summary>
internal sealed class RecordingCommandSink : ICloudCommandSink
{
    public ConcurrentBag<string> KnownEvents { get; } = [];

    public ConcurrentQueue<string> Acked { get; } = new();

    public ConcurrentQueue<string> Desired { get; } = new();

    public int DevicesOnline { get; set; } = 3;

    public Task<CommandResult> AckAlarmAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!KnownEvents.Contains(eventId)) return Task.FromResult(CommandResult.Error(CommandStatus.NotFound, $"event {eventId} never reached this gateway"));
        Acked.Enqueue(eventId);
        return Task.FromResult(CommandResult.Ok(new() { ["eventId"] = eventId }));
    }

    public Task<CommandResult> SirenTestAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResult.Ok(new() { ["seconds"] = duration.TotalSeconds }));

    public Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayStatus("9.9.9-test", DevicesOnline, new Dictionary<string, long> { ["P0"] = 0, ["P1"] = 0, ["P2"] = 5, ["P3"] = 1 }));

    public CommandResult ApplyDesired(JsonElement desired)
    {
        if (desired.TryGetProperty("heartbeatIntervalSeconds", out var h) && h.ValueKind != JsonValueKind.Number)
            return CommandResult.Error(CommandStatus.BadRequest, "heartbeatIntervalSeconds must be a number");
        Desired.Enqueue(desired.GetRawText());
        return CommandResult.Ok();
    }
}
