using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Provisioning;

/// <summary>A provisioning session with an in-memory store, recorded serial output and a scripted TEST result.</summary>
internal sealed class SessionHarness : ISerialPort, IConfigStore, IProvisioningActions
{
    private readonly StringBuilder _out = new();
    private Hashtable? _flash;

    public SessionHarness(Hashtable? flash = null, bool buttonHeld = false)
    {
        _flash = flash;
        Session = new ProvisioningSession(this, this, this, new DeviceIdentity("panic-button", "1.0.0", "hw-1"), buttonHeld);
    }

    public ProvisioningSession Session { get; }

    public string Output => _out.ToString();

    public Hashtable? Flash => _flash;

    public int Saves { get; private set; }

    public int Reboots { get; private set; }

    public string? TestProblem { get; set; }

    public Hashtable? TestedWith { get; private set; }

    /// <summary>Sends text (the caller adds line ends) and returns the answer lines it produced.</summary>
    public string[] Send(string text) => SendBytes(Encoding.UTF8.GetBytes(text));

    public string[] SendBytes(byte[] bytes)
    {
        var before = _out.Length;
        Session.Feed(bytes, 0, bytes.Length);
        return _out.ToString(before, _out.Length - before).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Line(string command) => Assert.Single(Send(command + "\n"));

    void ISerialPort.Write(byte[] buffer, int offset, int count) => _out.Append(Encoding.UTF8.GetString(buffer, offset, count));

    Hashtable IConfigStore.Load() => _flash!;

    void IConfigStore.Save(Hashtable values)
    {
        _flash = (Hashtable)values.Clone();
        Saves++;
    }

    void IConfigStore.EraseAll() => _flash = null;

    string IProvisioningActions.Test(Hashtable settings)
    {
        TestedWith = settings;
        return TestProblem!;
    }

    void IProvisioningActions.Reboot() => Reboots++;
}
