using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// A panic button without hardware: the firmware core's <see cref="PanicButtonMachine"/> on an MQTTnet link,
    /// with virtual button, sensors, LED, buzzer and flash. <see cref="Press"/> is the virtual button.
    /// </summary>
    public sealed class VirtualPanicButton : VirtualDevice
    {
        private readonly PanicButtonSettings _settings;

        /// <summary>A device on the given flash (file-backed for the simulator: boot counter and alarms survive restarts).</summary>
        public VirtualPanicButton(MqttLinkOptions options, IFlashStore flash, IClock clock = null, PanicButtonSettings settings = null)
            : base(options, flash, clock)
        {
            _settings = settings ?? new PanicButtonSettings();
            CreateMachine();
        }

        /// <summary>A device whose boot counter is fixed (in-memory flash): ids are <c>{dev}:{boot}:{seq}</c>.</summary>
        public VirtualPanicButton(MqttLinkOptions options, long boot, IClock clock = null)
            : this(options, MemoryFlashStore.WithNextBoot(boot), clock)
        {
        }

        public PanicButtonMachine Machine { get; private set; }

        protected override DeviceMachine CurrentMachine => Machine;

        protected override void CreateMachine() => Machine = new PanicButtonMachine(DeviceId, NewSeams(), _settings);

        /// <summary>A short press: button-down then button-up. Returns the event's id (panic, or test when armed).</summary>
        public string Press()
        {
            var id = Machine.ButtonDown();
            Machine.ButtonUp();
            return id;
        }
    }
}
