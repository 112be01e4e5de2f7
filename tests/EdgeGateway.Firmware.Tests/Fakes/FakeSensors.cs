using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

internal sealed class FakeSensors : IDeviceSensors
{
    public int BatteryMillivolts { get; set; } = 4000;

    public bool TamperOpen { get; set; }

    public int Rssi { get; set; } = -61;
}
