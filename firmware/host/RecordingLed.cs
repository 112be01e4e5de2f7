using System;
using System.Collections.Generic;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>A virtual LED: remembers its states and raises <see cref="Changed"/> on each change.</summary>
    public sealed class RecordingLed : ILed
    {
        private readonly object _lock = new();
        private readonly List<LedState> _history = new();

        public event Action<LedState> Changed;

        public LedState Current { get { lock (_lock) { return _history.Count == 0 ? LedState.Idle : _history[^1]; } } }

        public IReadOnlyList<LedState> History { get { lock (_lock) { return _history.ToArray(); } } }

        public void Show(LedState state)
        {
            lock (_lock) { _history.Add(state); }
            Changed?.Invoke(state);
        }
    }
}
