namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>Time source. Monotonic milliseconds drive timers; wall time stamps events.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long MonotonicMs { get; }

        /// <summary>Unix time in milliseconds (may be unsynced after boot).</summary>
        long UnixMs { get; }

        /// <summary>True once the wall clock was synced (SNTP or from the gateway).</summary>
        bool IsSynced { get; }
    }
}
