using System;
using System.Diagnostics;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// Monotonic time from the CPU tick counter (<c>Environment.TickCount64</c>, nanoFramework.Runtime.Native); wall time from the RTC, which SNTP (started by
    /// <see cref="WifiConnector"/>) sets. Before the first sync the RTC reads 1970: events then say <c>sync:false</c>.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        public long MonotonicMs { get { return Environment.TickCount64; } }

        public long UnixMs { get { return (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond; } }

        /// <summary>Any year after 2024 means SNTP (or the gateway) set the clock.</summary>
        public bool IsSynced { get { return DateTime.UtcNow.Year >= 2025; } }
    }
}
