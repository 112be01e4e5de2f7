namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>The device's side of the serial line (UART on the device, System.IO.Ports in the host build).</summary>
    public interface ISerialPort
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
