using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.PanicButton
{
    /// <summary>
    /// The panic button. Button-down publishes <c>panic</c> at once (QoS 1) without classifying the press: no
    /// pattern of presses ever means "test". Holding ≥ 10 s sends a <c>cancel</c> request for the alarm.
    /// Only an armed test mode (technician over serial, or the gateway's <c>test_mode</c>) turns presses into
    /// <c>test</c>; it expires by itself. A <c>test</c> report also goes out once a day. Alarms (panic, cancel,
    /// tamper, battery_low) are kept in flash until their PUBACK, so they survive a reboot.
    /// </summary>
    public sealed class PanicButtonMachine : DeviceMachine, ITestModeTarget
    {
        public const long CancelHoldMs = PanicButtonSettings.CancelHoldMs;

        /// <summary>The types whose outbox entries are persisted in flash.</summary>
        public static readonly string[] PersistedTypes = new string[]
        {
            DeviceEventTypes.Panic, DeviceEventTypes.Cancel, DeviceEventTypes.Tamper, DeviceEventTypes.BatteryLow,
        };

        private readonly PanicButtonSettings _settings;
        private bool _down;
        private long _downAtMs;
        private bool _cancelSent;
        private bool _pressWasTest;
        private HeldAlarm _alarm;
        private HeldAlarm _acknowledged;
        private long _testUntilMs = -1;
        private long _nextDailyTestMs;

        public PanicButtonMachine(string deviceId, DeviceSeams seams, PanicButtonSettings settings)
            : base(deviceId, seams, PersistedTypes, settings.HeartbeatMs, settings.BatteryLowMv, settings.BatteryHysteresisMv)
        {
            _settings = settings;
            _nextDailyTestMs = seams.Clock.MonotonicMs + settings.DailyTestMs;
            // A panic that waited in flash across a reboot is still the alarm dispatch will acknowledge.
            for (int i = 0; i < Publisher.Outbox.Count; i++)
            {
                OutboxEntry e = Publisher.Outbox[i];
                if (e.Type != DeviceEventTypes.Panic && e.Type != DeviceEventTypes.Cancel) continue;
                HeldAlarm restored = HeldAlarm.FromEventId(e.EventId);
                if (restored == null) continue;
                if (_alarm == null || _alarm.Boot != restored.Boot) _alarm = restored;
                else _alarm.Extend(restored.FirstSeq);
            }
        }

        /// <summary>The id of the alarm held (its first panic since the last acknowledgement), or null.</summary>
        public string AlarmId { get { lock (Sync) { return _alarm == null ? null : _alarm.Id; } } }

        public bool TestModeArmed { get { lock (Sync) { return _testUntilMs >= 0; } } }

        /// <summary>Raised by the hardware seam on button-down. A panic at once, or a test while test mode is armed.</summary>
        public string ButtonDown()
        {
            lock (Sync)
            {
                _down = true;
                _downAtMs = Seams.Clock.MonotonicMs;
                _cancelSent = false;
                ExpireTestMode(_downAtMs);
                _pressWasTest = _testUntilMs >= 0;
                if (_pressWasTest)
                {
                    string testId = Publisher.Emit(DeviceEventTypes.Test, new EventData().Add("reason", "press"));
                    Indicator.Emitted(Publisher.LastSent);
                    Indicator.Beep(BuzzerPattern.Stored);
                    return testId;
                }
                string id = Publisher.Emit(DeviceEventTypes.Panic, null);
                Indicator.Emitted(Publisher.LastSent);
                if (_alarm == null) _alarm = new HeldAlarm(DeviceId, Publisher.Boot, Publisher.Seq);
                else if (_alarm.Boot == Publisher.Boot) _alarm.Extend(Publisher.Seq);
                // A panic after a reboot, while the restored alarm is held, stays part of that older alarm's emergency:
                // the gateway coalesces it into the first alarm, whose id dispatch acknowledges.
                return id;
            }
        }

        public void ButtonUp()
        {
            lock (Sync) { _down = false; }
        }

        /// <summary>Arms test mode for a while (technician over serial, or the <c>test_mode</c> command); 0 disarms.</summary>
        public void ArmTestMode(long durationMs)
        {
            lock (Sync)
            {
                if (durationMs <= 0) { _testUntilMs = -1; return; }
                if (durationMs > _settings.MaxTestModeMs) durationMs = _settings.MaxTestModeMs;
                _testUntilMs = Seams.Clock.MonotonicMs + durationMs;
            }
        }

        protected override void OnTick(long nowMs)
        {
            ExpireTestMode(nowMs);
            if (_down && !_pressWasTest && !_cancelSent && _alarm != null && nowMs - _downAtMs >= CancelHoldMs)
            {
                _cancelSent = true;
                Publisher.Emit(DeviceEventTypes.Cancel, new EventData().Add("ref", _alarm.Id));
                if (_alarm.Boot == Publisher.Boot) _alarm.Extend(Publisher.Seq);
                Indicator.Emitted(Publisher.LastSent);
            }
            if (nowMs >= _nextDailyTestMs)
            {
                _nextDailyTestMs = nowMs + _settings.DailyTestMs;
                Publisher.Emit(DeviceEventTypes.Test, Health.Snapshot().Add("reason", "periodic"));
            }
        }

        protected override EventData HandleSpecific(DeviceCommand cmd)
        {
            if (cmd.Name == DeviceCommand.Ack) return Acknowledge(cmd);
            if (cmd.Name != DeviceCommand.TestMode) return null;
            long minutes = cmd.Number("minutes", 0, _settings.MaxTestModeMs / 60000, 5);
            if (minutes == long.MinValue) return cmd.Result(false, "minutes must be 0.." + (_settings.MaxTestModeMs / 60000).ToString());
            if (minutes == 0) _testUntilMs = -1;
            else _testUntilMs = Seams.Clock.MonotonicMs + minutes * 60000;
            return cmd.Result(true, minutes == 0 ? "test mode off" : "test mode on");
        }

        /// <summary>
        /// "Help is coming" only for the alarm held (see <see cref="HeldAlarm"/>); the alarm is then released, so
        /// the next press starts a new one. A repeated ack of the alarm just acknowledged is answered ok and changes
        /// nothing; any other ack is answered with an error and changes nothing.
        /// </summary>
        private EventData Acknowledge(DeviceCommand cmd)
        {
            string id = cmd.Text("id");
            if (_alarm != null && _alarm.Covers(id))
            {
                _acknowledged = _alarm;
                _alarm = null;
                Indicator.Acknowledged();
                return cmd.Result(true, null);
            }
            if (_acknowledged != null && _acknowledged.Covers(id)) return cmd.Result(true, "already acknowledged");
            if (_alarm == null) return cmd.Result(false, "no alarm held");
            return cmd.Result(false, "not the alarm held (" + _alarm.Id + ")");
        }

        private void ExpireTestMode(long nowMs)
        {
            if (_testUntilMs >= 0 && nowMs >= _testUntilMs) _testUntilMs = -1;
        }
    }
}
