using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;

namespace EdgeGateway.EndToEnd.Tests.Devices;

/// <summary>The system clock plus a jump the test makes, so a 10 s hold needs no 10 s wait.</summary>
internal sealed class ShiftableClock : IClock
{
    private readonly SystemClock _system = new();
    private long _shiftMs;

    public long MonotonicMs => _system.MonotonicMs + Interlocked.Read(ref _shiftMs);

    public long UnixMs => _system.UnixMs + Interlocked.Read(ref _shiftMs);

    public bool IsSynced => true;

    public void Jump(long ms) => Interlocked.Add(ref _shiftMs, ms);
}
