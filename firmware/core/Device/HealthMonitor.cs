using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Device
{
    /// <summary>
    /// Polls the sensors on each tick: <c>tamper</c> when the enclosure opens, <c>battery_low</c> when the battery
    /// falls under the threshold (once, re-armed by hysteresis), and the periodic <c>heartbeat</c>, which also reports
    /// <c>dropped</c>: the events the full outbox has shed since boot.
    /// </summary>
    public sealed class HealthMonitor
    {
        private readonly IDeviceSensors _sensors;
        private readonly IClock _clock;
        private readonly long _startMs;
        private readonly HeartbeatSchedule _heartbeat;
        private readonly string _firmwareVersion;
        private int _batteryLowMv;
        private int _hysteresisMv;
        private bool _tamperOpen;
        private bool _batteryLowSent;

        public HealthMonitor(IDeviceSensors sensors, IClock clock, string firmwareVersion, long heartbeatMs, int batteryLowMv, int hysteresisMv)
        {
            _sensors = sensors;
            _clock = clock;
            _firmwareVersion = firmwareVersion;
            _startMs = clock.MonotonicMs;
            _heartbeat = new HeartbeatSchedule(heartbeatMs, _startMs);
            _batteryLowMv = batteryLowMv;
            _hysteresisMv = hysteresisMv;
            // A switch already open at boot is reported on the first tick.
            _tamperOpen = false;
        }

        public long HeartbeatMs { get { return _heartbeat.IntervalMs; } }

        public void SetHeartbeat(long intervalMs) { _heartbeat.Reset(intervalMs, _clock.MonotonicMs); }

        public void SetBatteryLow(int millivolts) { _batteryLowMv = millivolts; }

        public long UptimeSeconds { get { return (_clock.MonotonicMs - _startMs) / 1000; } }

        public void Tick(EventPublisher publisher, StatusIndicator indicator)
        {
            if (_sensors == null) return;
            bool open = _sensors.TamperOpen;
            if (open && !_tamperOpen) indicator.Emitted(publisher.EmitAndReport(DeviceEventTypes.Tamper, new EventData().Add("state", "open")));
            _tamperOpen = open;

            int mv = _sensors.BatteryMillivolts;
            if (mv > 0 && mv < _batteryLowMv && !_batteryLowSent)
            {
                _batteryLowSent = true;
                indicator.Emitted(publisher.EmitAndReport(DeviceEventTypes.BatteryLow,
                    new EventData().Add("battery_mv", mv).Add("threshold_mv", _batteryLowMv)));
            }
            else if (mv >= _batteryLowMv + _hysteresisMv)
            {
                _batteryLowSent = false;
            }

            if (_heartbeat.Due(_clock.MonotonicMs)) publisher.Emit(DeviceEventTypes.Heartbeat, Snapshot().Add("dropped", publisher.Dropped));
        }

        /// <summary>The heartbeat's data: battery, RSSI, firmware version and uptime.</summary>
        public EventData Snapshot()
        {
            EventData data = new EventData();
            data.Add("battery_mv", _sensors == null ? 0 : _sensors.BatteryMillivolts);
            data.Add("rssi", _sensors == null ? 0 : _sensors.Rssi);
            data.Add("fw", _firmwareVersion);
            data.Add("uptime_s", UptimeSeconds);
            return data;
        }
    }
}
