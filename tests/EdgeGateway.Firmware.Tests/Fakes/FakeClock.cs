using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock : IClock
{
    public long MonotonicMs { get; private set; }

    public long UnixMs { get; private set; } = 1_763_900_000_000;

    public bool IsSynced { get; set; } = true;

    public void Advance(long ms)
    {
        MonotonicMs += ms;
        UnixMs += ms;
    }
}
