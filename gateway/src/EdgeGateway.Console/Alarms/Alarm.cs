using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Commands;

namespace EdgeGateway.Console.Alarms;

/// <summary>The board's mutable record of one alarm (guarded by the board's lock).</summary>
internal sealed class Alarm
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Class { get; init; }
    public required string Device { get; init; }
    public string? Site { get; init; }
    public string? Label { get; init; }
    public required long ReceivedAt { get; init; }
    public required long DeviceTime { get; init; }
    public required bool ClockSynced { get; init; }
    public List<string> Ids { get; } = [];
    public long? CancelRequestedAt { get; set; }
    public AckRecord? Ack { get; set; }

    public bool IsAcknowledged => Ack is { Delivery: AckDelivery.Queued or AckDelivery.Delivered };

    public AlarmView View() => new(Id, Type, Class, Device, Site, Label, ReceivedAt, DeviceTime, ClockSynced, Ids.Count - 1, Ids.ToList(),
        CancelRequestedAt, State(), Ack is null ? null : AckView.From(Ack));

    private string State() => !IsAcknowledged ? "new" : Ack!.Source == CommandSources.Console || Ack.Source == CommandSources.Cli ? "acknowledged" : "acknowledged-cloud";
}
