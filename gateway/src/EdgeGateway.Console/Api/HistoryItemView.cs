using System.Text.Json;

namespace EdgeGateway.Console.Api;

/// <summary>One journal entry as <c>/api/v1/history</c> shows it. Times are Unix milliseconds; <c>data</c> is the envelope's data object.</summary>
public sealed record HistoryItemView(long Seq, string Id, string Device, string Type, string Prio, long ReceivedAt, long DeviceTime, bool Synced,
    string Outcome, JsonElement Data);
