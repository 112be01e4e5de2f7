using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Provisioning;

/// <summary>The serial line of a device under a boot-flow test: records answers; TEST passes; REBOOT is counted.</summary>
internal sealed class BootSerial : ISerialPort, IProvisioningActions
{
    private readonly StringBuilder _out = new();

    public int Reboots { get; private set; }

    /// <summary>Sends one line to the session and returns its one answer line.</summary>
    public string Send(ProvisioningSession session, string line)
    {
        var before = _out.Length;
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        session.Feed(bytes, 0, bytes.Length);
        return _out.ToString(before, _out.Length - before).TrimEnd('\n');
    }

    public void Write(byte[] buffer, int offset, int count) => _out.Append(Encoding.UTF8.GetString(buffer, offset, count));

    public string? Test(Hashtable settings) => null;

    public void Reboot() => Reboots++;
}
