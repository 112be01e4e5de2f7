namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// When to (re)try Wi-Fi or MQTT: exponential backoff with jitter on the monotonic clock. The link does the I/O;
    /// it asks <see cref="ShouldAttempt"/> on each tick and reports the outcome.
    /// </summary>
    public sealed class ConnectionSupervisor
    {
        private readonly long _minMs;
        private readonly long _maxMs;
        private uint _jitterState;
        private long _delayMs;
        private long _nextAttemptMs;
        private bool _connected;

        public ConnectionSupervisor(long minMs, long maxMs, int jitterSeed)
        {
            _minMs = minMs;
            _maxMs = maxMs;
            _delayMs = minMs;
            _jitterState = (uint)jitterSeed | 1u;
        }

        public bool Connected { get { return _connected; } }

        /// <summary>The wait before the attempt after the next failure.</summary>
        public long CurrentDelayMs { get { return _delayMs; } }

        public int Failures { get; private set; }

        /// <summary>The monotonic time of the next allowed attempt.</summary>
        public long NextAttemptMs { get { return _nextAttemptMs; } }

        public bool ShouldAttempt(long nowMs) { return !_connected && nowMs >= _nextAttemptMs; }

        public void OnConnected()
        {
            _connected = true;
            _delayMs = _minMs;
            Failures = 0;
        }

        /// <summary>The connection dropped: try again soon (after the minimum delay), then back off.</summary>
        public void OnDisconnected(long nowMs)
        {
            _connected = false;
            _nextAttemptMs = nowMs + _minMs;
        }

        public void OnAttemptFailed(long nowMs)
        {
            _connected = false;
            Failures++;
            _nextAttemptMs = nowMs + _delayMs + Jitter(_delayMs / 4);
            _delayMs = _delayMs * 2 > _maxMs ? _maxMs : _delayMs * 2;
        }

        private long Jitter(long range)
        {
            if (range <= 0) return 0;
            _jitterState ^= _jitterState << 13;
            _jitterState ^= _jitterState >> 17;
            _jitterState ^= _jitterState << 5;
            return (long)(_jitterState % (uint)range);
        }
    }
}
