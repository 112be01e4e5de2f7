using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// The LED and buzzer as one state: idle → sending → delivered (gateway PUBACK) → acknowledged (dispatch's
    /// <c>ack</c>); failing while events wait on a dead link. The buzzer sounds on transitions that matter to a person.
    /// </summary>
    public sealed class StatusIndicator
    {
        private readonly ILed _led;
        private readonly IBuzzer _buzzer;
        private LedState _state = LedState.Idle;

        public StatusIndicator(ILed led, IBuzzer buzzer)
        {
            _led = led;
            _buzzer = buzzer;
            _led.Show(_state);
        }

        public LedState State { get { return _state; } }

        /// <summary>An event went into the outbox; <paramref name="sent"/> when it also went out on the link.</summary>
        public void Emitted(bool sent) { Show(sent ? LedState.Sending : LedState.Failing); }

        /// <summary>A PUBACK came; <paramref name="pending"/> is what still waits.</summary>
        public void Delivered(int pending)
        {
            if (pending > 0 || (_state != LedState.Sending && _state != LedState.Failing)) return;
            Show(LedState.Delivered);
        }

        public void Failing()
        {
            if (_state == LedState.Failing) return;
            Show(LedState.Failing);
            Beep(BuzzerPattern.Failing);
        }

        public void Resending() { Show(LedState.Sending); }

        public void Acknowledged()
        {
            Show(LedState.Acknowledged);
            Beep(BuzzerPattern.Acknowledged);
        }

        public void Beep(BuzzerPattern pattern)
        {
            if (_buzzer != null) _buzzer.Play(pattern);
        }

        private void Show(LedState state)
        {
            if (state == _state) return;
            _state = state;
            _led.Show(state);
        }
    }
}
