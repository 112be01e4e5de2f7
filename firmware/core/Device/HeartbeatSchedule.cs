namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>A period driven by the monotonic clock: due once per interval, never bunching up after a stall.</summary>
    public sealed class HeartbeatSchedule
    {
        private long _intervalMs;
        private long _nextMs;

        public HeartbeatSchedule(long intervalMs, long nowMs)
        {
            _intervalMs = intervalMs;
            _nextMs = nowMs + intervalMs;
        }

        public long IntervalMs { get { return _intervalMs; } }

        /// <summary>Changes the interval; the next beat is one new interval from now.</summary>
        public void Reset(long intervalMs, long nowMs)
        {
            _intervalMs = intervalMs;
            _nextMs = nowMs + intervalMs;
        }

        public bool Due(long nowMs)
        {
            if (_intervalMs <= 0 || nowMs < _nextMs) return false;
            _nextMs = nowMs + _intervalMs;
            return true;
        }
    }
}
