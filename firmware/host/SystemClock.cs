using System;
using System.Diagnostics;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>The host's clock: Stopwatch for monotonic time, the system clock (assumed NTP-synced) for wall time.</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public long MonotonicMs => _watch.ElapsedMilliseconds;

        public long UnixMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        public bool IsSynced => true;
    }
}
