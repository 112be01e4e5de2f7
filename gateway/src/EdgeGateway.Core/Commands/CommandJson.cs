using System.Text.Json.Serialization;

namespace EdgeGateway.Core.Commands;

/// <summary>The ack a device's LED waits for, as sent to <c>edge/{dev}/cmd</c>: <c>{"cmd":"ack","id":…}</c>.</summary>
internal sealed record AckCommandBody(string Cmd, string Id);

/// <summary>A console device action as sent to the device: <c>{"cmd":"locate"}</c> or <c>{"cmd":"testMode","minutes":N}</c>.</summary>
internal sealed record DeviceActionBody(string Cmd, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Minutes);

/// <summary>The reply to an ack (console, cloud method or C2D): where the ack stands.</summary>
internal sealed record AckReply(string EventId, string Device, string Delivery, string By, string Source, long At, long? DeliveredAt, bool Duplicate);

/// <summary>The reply to a console device action: queued or delivered, and until when it may wait.</summary>
internal sealed record DeviceActionReply(string Device, string Cmd, string Delivery, long Expires);

/// <summary>The reply to <c>getStatus</c>, also the IoT Hub twin's reported <c>gateway</c>.</summary>
internal sealed record StatusReply(string Version, int DevicesOnline, IReadOnlyDictionary<string, long> Backlog);

/// <summary>The <c>alarm_ack</c> gateway event: an operator acknowledged an alarm at the console.</summary>
internal sealed record AlarmAckData(string EventId, string By, long At);

/// <summary>The <c>cmd_delivered</c> gateway event: a queued command reached its device when it came back.</summary>
internal sealed record CommandDeliveredData(string Device, string Cmd, string? EventId, long QueuedAt, long DeliveredAt);
