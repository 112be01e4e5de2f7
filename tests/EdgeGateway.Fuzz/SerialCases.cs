using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Provisioning;
using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Fuzz;

/// <summary>
/// Mutated lines against the device's serial provisioning session (firmware/core), unlocked, with an in-memory flash.
/// A case fails when <see cref="ProvisioningSession.Feed"/> throws, answers <c>ERR 500</c> (an exception it caught:
/// with this store and these actions nothing may throw), or echoes a secret it was given.
/// </summary>
internal sealed class SerialCases : ISerialPort, IConfigStore, IProvisioningActions, ITestModeTarget
{
    private const string Secret = "s3cret-value-0123456789";

    private static readonly string[] Lines =
    [
        "HELLO", "GET device.id", "GET secret", "SET device.id pb-0042", "SET secret " + Secret, "SET wifi.ssid ward 7", "SET wifi.pass " + Secret,
        "SET mqtt.host 10.0.0.2", "SET mqtt.port 1883", "SET mqtt.port 99999", "SET checkpoint.id cp-1", "COMMIT", "TEST", "REBOOT", "FACTORY-RESET",
        "TEST-MODE 2m", "TEST-MODE 0", "TEST-MODE -5s", "SET", "GET", "SET  ", "set secret x", "SET unknown.key v",
    ];

    private readonly StringBuilder _out = new();
    private Hashtable? _flash;

    public static (bool Failed, string Why) Run(Random r)
    {
        var harness = new SerialCases();
        var session = new ProvisioningSession(harness, harness, harness, new DeviceIdentity("panic-button", "1.0.0", "hw-1"), physicalUnlock: true);
        session.AttachTestMode(harness);
        var input = Input(r);
        try
        {
            // Fed in random chunks, as a UART delivers bytes.
            for (var i = 0; i < input.Length;)
            {
                var n = Math.Min(input.Length - i, r.Next(1, 64));
                session.Feed(input, i, n);
                i += n;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (true, "Feed threw " + ex.GetType().Name + ": " + ex.Message);
        }
        var output = harness._out.ToString();
        if (output.Contains("ERR 500", StringComparison.Ordinal)) return (true, "an internal error: " + output);
        if (output.Contains(Secret, StringComparison.Ordinal)) return (true, "a secret was echoed: " + output);
        return (false, "");
    }

    private static byte[] Input(Random r)
    {
        var bytes = new List<byte>();
        for (var i = r.Next(1, 8); i > 0; i--)
        {
            var line = Encoding.UTF8.GetBytes(Lines[r.Next(Lines.Length)]);
            switch (r.Next(6))
            {
                case 0: line = [.. line, .. Random(r, r.Next(1, 40))]; break;
                case 1: if (line.Length > 0) line[r.Next(line.Length)] = (byte)r.Next(256); break;
                case 2: line = [.. line, .. Enumerable.Repeat((byte)'A', r.Next(200, 600))]; break;
                case 3: line = line[..r.Next(0, line.Length + 1)]; break;
                default: break;
            }
            bytes.AddRange(line);
            bytes.AddRange(r.Next(5) switch { 0 => "\r\n"u8.ToArray(), 1 => "\r"u8.ToArray(), 2 => [], _ => "\n"u8.ToArray() });
        }
        return [.. bytes];
    }

    private static byte[] Random(Random r, int count)
    {
        var b = new byte[count];
        r.NextBytes(b);
        return b;
    }

    void ISerialPort.Write(byte[] buffer, int offset, int count) => _out.Append(Encoding.UTF8.GetString(buffer, offset, count));

    Hashtable IConfigStore.Load() => _flash!;

    void IConfigStore.Save(Hashtable values) => _flash = (Hashtable)values.Clone();

    void IConfigStore.EraseAll() => _flash = null;

    string IProvisioningActions.Test(Hashtable settings) => null!;

    void IProvisioningActions.Reboot()
    {
    }

    void ITestModeTarget.ArmTestMode(long durationMs)
    {
    }
}
