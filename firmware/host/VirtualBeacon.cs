using EdgeGateway.Firmware.Core.Beacon;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>A checkpoint beacon without hardware: <see cref="CheckpointBeaconMachine"/> with a virtual card reader.</summary>
    public sealed class VirtualBeacon : VirtualDevice
    {
        private readonly string _checkpointId;
        private readonly long _heartbeatMs;

        public VirtualBeacon(MqttLinkOptions options, string checkpointId, IFlashStore flash, IClock clock = null, long heartbeatMs = 60000)
            : base(options, flash, clock)
        {
            _checkpointId = checkpointId;
            _heartbeatMs = heartbeatMs;
            CreateMachine();
        }

        public VirtualCardReader Reader { get; } = new();

        public CheckpointBeaconMachine Machine { get; private set; }

        protected override DeviceMachine CurrentMachine => Machine;

        protected override void CreateMachine() =>
            Machine = new CheckpointBeaconMachine(DeviceId, _checkpointId, Reader, NewSeams(), _heartbeatMs, 3400);

        /// <summary>A card tap, recorded at once (not waiting for the reader poll). Returns the checkin's id.</summary>
        public string Tap(byte[] uid) => Machine.Tap(uid);
    }
}
