using System.Collections;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.PanicButton
{
    /// <summary>
    /// The panic button. Button-down publishes <c>panic</c> at once (QoS 1) without classifying the press;
    /// holding ≥ 10 s sends a <c>cancel</c> request for the alarm. The LED follows the event:
    /// sending → delivered (PUBACK from the gateway) → acknowledged (dispatch's <c>ack</c> command);
    /// failing while the link is down. Unacked events stay in the outbox and are re-sent in order.
    /// All entry points are thread-safe: GPIO, timer and link callbacks may arrive on different threads.
    /// </summary>
    public sealed class PanicButtonMachine : IMqttLinkListener
    {
        public const long CancelHoldMs = 10000;

        private readonly object _lock = new object();
        private readonly string _deviceId;
        private readonly long _boot;
        private readonly IClock _clock;
        private readonly ILed _led;
        private readonly IMqttLink _link;
        private readonly Outbox _outbox = new Outbox();
        private long _seq;
        private bool _down;
        private long _downAtMs;
        private bool _cancelSent;
        private string _alarmId;
        private LedState _ledState = LedState.Idle;

        public PanicButtonMachine(string deviceId, long boot, IClock clock, ILed led, IMqttLink link)
        {
            _deviceId = deviceId;
            _boot = boot;
            _clock = clock;
            _led = led;
            _link = link;
            _link.SetListener(this);
            _led.Show(_ledState);
        }

        public string DeviceId { get { return _deviceId; } }

        public long Boot { get { return _boot; } }

        public LedState Led { get { lock (_lock) { return _ledState; } } }

        public int PendingCount { get { lock (_lock) { return _outbox.Count; } } }

        /// <summary>The id of the alarm in progress (the latest panic), or null.</summary>
        public string AlarmId { get { lock (_lock) { return _alarmId; } } }

        /// <summary>Raised by the hardware seam on button-down. Always a panic, at once.</summary>
        public string ButtonDown()
        {
            lock (_lock)
            {
                _down = true;
                _downAtMs = _clock.MonotonicMs;
                _cancelSent = false;
                string id = Emit(DeviceEventTypes.Panic, null);
                _alarmId = id;
                return id;
            }
        }

        public void ButtonUp()
        {
            lock (_lock) { _down = false; }
        }

        /// <summary>Called periodically (e.g. every 100 ms) to run timers.</summary>
        public void Tick()
        {
            lock (_lock)
            {
                if (_down && !_cancelSent && _alarmId != null && _clock.MonotonicMs - _downAtMs >= CancelHoldMs)
                {
                    _cancelSent = true;
                    Emit(DeviceEventTypes.Cancel, new EventData().Add("ref", _alarmId));
                }
            }
        }

        public void OnPublishAcked(int token)
        {
            lock (_lock)
            {
                if (_outbox.RemoveByToken(token) == null) return;
                if (_outbox.Count == 0 && _ledState != LedState.Acknowledged) Show(LedState.Delivered);
            }
        }

        public void OnPublishFailed(int token)
        {
            lock (_lock)
            {
                for (int i = 0; i < _outbox.Count; i++)
                {
                    if (_outbox[i].Token == token) _outbox[i].Token = 0;
                }
                Show(LedState.Failing);
            }
        }

        public void OnMessage(string topic, byte[] payload)
        {
            if (topic != DeviceTopics.Cmd(_deviceId)) return;
            Hashtable cmd = FlatJson.Parse(payload);
            if (cmd == null) return;
            string name = cmd["cmd"] as string;
            lock (_lock)
            {
                if (name == "ack") Show(LedState.Acknowledged);
            }
        }

        public void OnConnectionChanged(bool connected)
        {
            lock (_lock)
            {
                if (!connected)
                {
                    _outbox.ClearTokens();
                    if (_outbox.Count > 0) Show(LedState.Failing);
                    return;
                }
                for (int i = 0; i < _outbox.Count; i++)
                {
                    OutboxEntry e = _outbox[i];
                    if (e.Token == 0) e.Token = _link.Publish(DeviceTopics.Evt(_deviceId), e.Payload, false);
                }
                if (_outbox.Count > 0) Show(LedState.Sending);
            }
        }

        private string Emit(string type, EventData data)
        {
            _seq++;
            string id = EnvelopeEncoder.EventId(_deviceId, _boot, _seq);
            byte[] payload = EnvelopeEncoder.Encode(_deviceId, _boot, _seq, type, _clock.UnixMs, _clock.IsSynced, data);
            OutboxEntry entry = new OutboxEntry(id, type, payload);
            _outbox.Add(entry);
            entry.Token = _link.Publish(DeviceTopics.Evt(_deviceId), payload, false);
            Show(entry.Token > 0 ? LedState.Sending : LedState.Failing);
            return id;
        }

        private void Show(LedState state)
        {
            _ledState = state;
            _led.Show(state);
        }
    }
}
