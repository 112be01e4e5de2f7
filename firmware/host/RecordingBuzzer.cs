using System;
using System.Collections.Generic;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>A virtual buzzer: remembers its patterns and raises <see cref="Played"/> on each.</summary>
    public sealed class RecordingBuzzer : IBuzzer
    {
        private readonly object _lock = new();
        private readonly List<BuzzerPattern> _history = new();

        public event Action<BuzzerPattern> Played;

        public IReadOnlyList<BuzzerPattern> History { get { lock (_lock) { return _history.ToArray(); } } }

        public void Play(BuzzerPattern pattern)
        {
            lock (_lock) { _history.Add(pattern); }
            Played?.Invoke(pattern);
        }
    }
}
