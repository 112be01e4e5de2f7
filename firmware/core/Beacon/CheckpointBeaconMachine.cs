using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Core.Beacon
{
    /// <summary>
    /// The checkpoint beacon. A card tap → <c>checkin</c> with the card UID and the checkpoint id, stamped at the tap
    /// (so a check-in queued offline keeps its original time) and flagged with whether the clock was synced.
    /// A beep confirms the tap was stored. A card resting on the reader is one tap: the same UID is ignored until
    /// it has been away for <see cref="CardAwayMs"/>. Check-ins wait in flash until their PUBACK.
    /// </summary>
    public sealed class CheckpointBeaconMachine : DeviceMachine
    {
        public const long CardAwayMs = 1500;

        public static readonly string[] PersistedTypes = new string[]
        {
            DeviceEventTypes.Checkin, DeviceEventTypes.Tamper, DeviceEventTypes.BatteryLow,
        };

        private readonly ICardReader _reader;
        private readonly string _checkpointId;
        private string _lastUid;
        private long _lastSeenMs;

        public CheckpointBeaconMachine(string deviceId, string checkpointId, ICardReader reader, DeviceSeams seams, long heartbeatMs, int batteryLowMv)
            : base(deviceId, seams, PersistedTypes, heartbeatMs, batteryLowMv, 150)
        {
            _checkpointId = checkpointId;
            _reader = reader;
        }

        public string CheckpointId { get { return _checkpointId; } }

        /// <summary>A card was read (by the reader poll, or a button standing in for one). Returns the checkin's id.</summary>
        public string Tap(byte[] uid)
        {
            lock (Sync)
            {
                string hex = Hex(uid);
                _lastUid = hex;
                _lastSeenMs = Seams.Clock.MonotonicMs;
                return Record(hex);
            }
        }

        protected override void OnTick(long nowMs)
        {
            if (_reader == null) return;
            byte[] uid = _reader.TryReadUid();
            if (uid == null || uid.Length == 0) return;
            string hex = Hex(uid);
            bool same = hex == _lastUid && nowMs - _lastSeenMs < CardAwayMs;
            _lastSeenMs = nowMs;
            if (same) return;
            _lastUid = hex;
            Record(hex);
        }

        private string Record(string hex)
        {
            string id = Publisher.Emit(DeviceEventTypes.Checkin, new EventData().Add("uid", hex).Add("checkpoint", _checkpointId));
            Indicator.Emitted(Publisher.LastSent);
            Indicator.Beep(BuzzerPattern.Stored);
            return id;
        }

        protected override EventData HandleSpecific(DeviceCommand cmd)
        {
            if (cmd.Name == DeviceCommand.TestMode) return cmd.Result(false, "no test mode on a beacon");
            return null;
        }

        public static string Hex(byte[] bytes)
        {
            const string digits = "0123456789ABCDEF";
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i * 2] = digits[(bytes[i] >> 4) & 0xF];
                chars[i * 2 + 1] = digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }
    }
}
