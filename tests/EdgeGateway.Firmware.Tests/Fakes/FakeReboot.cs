using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

internal sealed class FakeReboot : IReboot
{
    public int Count { get; private set; }

    public void Reboot() => Count++;
}
