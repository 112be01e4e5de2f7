namespace EdgeGateway.Console.Alarms;

/// <summary>One alarm as the board and the API show it. Times are Unix milliseconds.</summary>
/// <param name="Class">P0 (panic, cancel) or P1 (tamper, battery_low, device_offline, checkpoint_missed, gateway_tamper).</param>
/// <param name="Ids">Every event id merged into this alarm (the first is <paramref name="Id"/>); <paramref name="Repeats"/> is their count less one.</param>
/// <param name="State"><c>new</c>, <c>acknowledged</c> (here, at the ward) or <c>acknowledged-cloud</c> (by dispatch).</param>
public sealed record AlarmView(
    string Id,
    string Type,
    string Class,
    string Device,
    string? Site,
    string? Label,
    long ReceivedAt,
    long DeviceTime,
    bool ClockSynced,
    int Repeats,
    IReadOnlyList<string> Ids,
    long? CancelRequestedAt,
    string State,
    AckView? Ack);
