using EdgeGateway.Firmware.Core.Buffering;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// What both devices share: the publisher and outbox, LED and buzzer, health (tamper, battery, heartbeat),
    /// the <c>boot</c> event and the common gateway commands (<c>config</c>, <c>locate</c>, <c>reboot</c>; an <c>ack</c> is
    /// refused here: only a machine that holds an alarm, the panic button, accepts one).
    /// Every entry point takes the lock: GPIO, timer and link callbacks arrive on different threads.
    /// </summary>
    public abstract class DeviceMachine : IMqttLinkListener
    {
        public const long MinHeartbeatSeconds = 10;
        public const long MaxHeartbeatSeconds = 86400;

        protected object Sync { get; } = new object();
        protected DeviceSeams Seams { get; }
        protected EventPublisher Publisher { get; }
        protected StatusIndicator Indicator { get; }
        protected HealthMonitor Health { get; }
        private bool _started;
        private long _rebootAtMs = -1;

        protected DeviceMachine(string deviceId, DeviceSeams seams, string[] persistedTypes, long heartbeatMs, int batteryLowMv, int hysteresisMv)
        {
            Seams = seams;
            Publisher = new EventPublisher(deviceId, seams.Clock, seams.Link, seams.Flash, persistedTypes, seams.OutboxCapacity);
            Indicator = new StatusIndicator(seams.Led, seams.Buzzer);
            Health = new HealthMonitor(seams.Sensors, seams.Clock, seams.FirmwareVersion, heartbeatMs, batteryLowMv, hysteresisMv);
            seams.Link.SetListener(this);
        }

        public string DeviceId { get { return Publisher.DeviceId; } }

        public long Boot { get { return Publisher.Boot; } }

        public LedState Led { get { lock (Sync) { return Indicator.State; } } }

        public int PendingCount { get { lock (Sync) { return Publisher.Pending; } } }

        public long HeartbeatMs { get { lock (Sync) { return Health.HeartbeatMs; } } }

        /// <summary>Sends the <c>boot</c> event (firmware version, restored outbox size). Call once after wiring.</summary>
        public string Start()
        {
            lock (Sync)
            {
                if (_started) return null;
                _started = true;
                return Publisher.Emit(DeviceEventTypes.Boot, new EventData()
                    .Add("fw", Seams.FirmwareVersion)
                    .Add("restored", Publisher.RestoredCount));
            }
        }

        /// <summary>Called periodically (e.g. every 100 ms) to run timers and poll inputs.</summary>
        public void Tick()
        {
            lock (Sync)
            {
                OnTick(Seams.Clock.MonotonicMs);
                Health.Tick(Publisher, Indicator);
                if (_rebootAtMs >= 0 && Seams.Clock.MonotonicMs >= _rebootAtMs && Seams.Reboot != null)
                {
                    _rebootAtMs = -1;
                    Seams.Reboot.Reboot();
                }
            }
        }

        public void OnPublishAcked(int token)
        {
            lock (Sync)
            {
                OutboxEntry e = Publisher.Acked(token);
                if (e == null) return;
                if (e.Type != DeviceEventTypes.Heartbeat) Indicator.Delivered(Publisher.Pending);
                OnDelivered(e);
            }
        }

        public void OnPublishFailed(int token)
        {
            lock (Sync)
            {
                Publisher.Failed(token);
                Indicator.Failing();
            }
        }

        public void OnConnectionChanged(bool connected)
        {
            lock (Sync)
            {
                if (!connected)
                {
                    Publisher.Disconnected();
                    if (Publisher.Pending > 0) Indicator.Failing();
                    return;
                }
                if (Publisher.ResendPending() > 0) Indicator.Resending();
            }
        }

        public void OnMessage(string topic, byte[] payload)
        {
            if (topic != DeviceTopics.Cmd(DeviceId)) return;
            DeviceCommand cmd = DeviceCommand.Parse(payload);
            lock (Sync)
            {
                if (cmd == null)
                {
                    Publisher.Emit(DeviceEventTypes.CmdResult, new EventData().Add("ok", false).Add("detail", "unreadable command"));
                    return;
                }
                Publisher.Emit(DeviceEventTypes.CmdResult, Handle(cmd));
            }
        }

        /// <summary>Machine-specific timers, under the lock.</summary>
        protected abstract void OnTick(long nowMs);

        /// <summary>A command this machine handles itself, or null to fall back to the common ones. Under the lock.</summary>
        protected abstract EventData HandleSpecific(DeviceCommand cmd);

        /// <summary>An entry got its PUBACK. Under the lock.</summary>
        protected virtual void OnDelivered(OutboxEntry entry) { }

        private EventData Handle(DeviceCommand cmd)
        {
            EventData specific = HandleSpecific(cmd);
            if (specific != null) return specific;
            if (cmd.Name == DeviceCommand.Ack) return cmd.Result(false, "no alarm held");
            if (cmd.Name == DeviceCommand.Locate)
            {
                Indicator.Beep(BuzzerPattern.Locate);
                return cmd.Result(true, null);
            }
            if (cmd.Name == DeviceCommand.Reboot)
            {
                if (Seams.Reboot == null) return cmd.Result(false, "reboot not available");
                _rebootAtMs = Seams.Clock.MonotonicMs + 2000;
                return cmd.Result(true, "rebooting");
            }
            if (cmd.Name == DeviceCommand.Config) return Configure(cmd);
            return cmd.Result(false, "unknown command");
        }

        private EventData Configure(DeviceCommand cmd)
        {
            bool any = false;
            if (cmd.Has("heartbeat"))
            {
                long s = cmd.Number("heartbeat", MinHeartbeatSeconds, MaxHeartbeatSeconds, 0);
                if (s == long.MinValue) return cmd.Result(false, "heartbeat must be 10..86400 seconds");
                Health.SetHeartbeat(s * 1000);
                any = true;
            }
            if (cmd.Has("battery_low_mv"))
            {
                long mv = cmd.Number("battery_low_mv", 2500, 4500, 0);
                if (mv == long.MinValue) return cmd.Result(false, "battery_low_mv must be 2500..4500");
                Health.SetBatteryLow((int)mv);
                any = true;
            }
            return any ? cmd.Result(true, null) : cmd.Result(false, "nothing to configure");
        }
    }
}
