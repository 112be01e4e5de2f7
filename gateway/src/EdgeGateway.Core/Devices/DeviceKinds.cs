namespace EdgeGateway.Core.Devices;

/// <summary>The device types a technician may register (the model names the firmware reports in <c>HELLO</c>); the registry, the CLI and device commands share them.</summary>
public static class DeviceKinds
{
    public const string PanicButton = "panic-button";
    public const string CheckpointBeacon = "checkpoint-beacon";

    public static IReadOnlyList<string> All { get; } = [PanicButton, CheckpointBeacon];
}
