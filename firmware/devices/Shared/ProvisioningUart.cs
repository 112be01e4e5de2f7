using System.IO.Ports;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;
using nanoFramework.Hardware.Esp32;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The provisioning line: UART1 (nanoFramework's <c>COM2</c>) at 115200 8N1 on the provisioning header, TX on
    /// <see cref="Pins.ProvisioningTx"/> and RX on <see cref="Pins.ProvisioningRx"/>. UART0 (the board's own USB port)
    /// is nanoFramework's debug and deploy link and cannot carry the session. The technician plugs a 3.3 V USB-UART
    /// adapter into the header (adapter RX to TX, TX to RX, GND to GND) and runs <c>edgegw device provision --port</c>
    /// on the adapter's port. Received bytes go to the session as they arrive; it answers on the same line.
    /// </summary>
    public sealed class ProvisioningUart : ISerialPort
    {
        public const string PortName = "COM2";
        public const int Baud = 115200;

        private readonly SerialPort _port;
        private ProvisioningSession _session;

        public ProvisioningUart()
        {
            Configuration.SetPinFunction(Pins.ProvisioningTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(Pins.ProvisioningRx, DeviceFunction.COM2_RX);
            _port = new SerialPort(PortName, Baud, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.Open();
        }

        public void Write(byte[] buffer, int offset, int count) { _port.Write(buffer, offset, count); }

        /// <summary>Feeds every byte received from now on to the session (on the serial driver's event thread).</summary>
        public void Run(ProvisioningSession session)
        {
            _session = session;
            _port.DataReceived += OnDataReceived;
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            byte[] buffer = new byte[64];
            int available = _port.BytesToRead;
            while (available > 0)
            {
                int n = _port.Read(buffer, 0, available < buffer.Length ? available : buffer.Length);
                if (n <= 0) return;
                _session.Feed(buffer, 0, n);
                available = _port.BytesToRead;
            }
        }
    }
}
