using System.IO.Ports;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.VirtualSerialDevice;

/// <summary>The device's UART: writes go to the serial port.</summary>
internal sealed class SerialPortAdapter : ISerialPort
{
    private readonly SerialPort _port;

    public SerialPortAdapter(SerialPort port) => _port = port;

    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);
}
