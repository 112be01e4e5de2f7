using System.IO.Ports;
using System.Text;

namespace EdgeGateway.Cli.Serial;

/// <summary>
/// The technician's end of the provisioning line protocol (SPEC "Provisioning over serial"): 115200 8N1, one
/// command per line, one <c>OK …</c> or <c>ERR code message</c> line back. Turns every failure of the line into
/// a plain <see cref="CliException"/>: missing port, silent device, unreadable bytes (wrong baud rate), unplug.
/// </summary>
internal sealed class ProvisioningLink : IDisposable
{
    private const int MaxLine = 512;
    private readonly SerialPort _port;
    private readonly string _name;
    private readonly TimeSpan _timeout;
    private readonly StringBuilder _line = new();
    private readonly byte[] _buffer = new byte[256];
    private int _unreadable;

    private ProvisioningLink(SerialPort port, string name, TimeSpan timeout)
    {
        _port = port;
        _name = name;
        _timeout = timeout;
    }

    public static ProvisioningLink Open(string portName, int baud, TimeSpan timeout)
    {
        if (!OperatingSystem.IsWindows() && !File.Exists(portName))
        {
            throw new CliException($"serial port {portName} does not exist: is the device plugged in? (try ls /dev/ttyUSB* /dev/ttyACM*)");
        }
        var port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One)
        {
            ReadTimeout = 100,
            WriteTimeout = 2000,
            Handshake = Handshake.None,
            NewLine = "\n",
        };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new CliException($"cannot open serial port {portName}: {ex.Message} (is another program using it? are you in the dialout group?)");
        }
        return new ProvisioningLink(port, portName, timeout);
    }

    /// <summary>Sends one command and returns the device's OK/ERR line.</summary>
    public string Send(string command) => Send(command, TimeSpan.Zero);

    /// <summary>As <see cref="Send(string)"/>, allowing <paramref name="extra"/> time (TEST connects to the broker).</summary>
    public string Send(string command, TimeSpan extra)
    {
        try
        {
            _port.Write(command + "\n");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            throw new CliException($"lost the serial line on {_name} while writing: the device was unplugged or reset");
        }
        return ReadResponse(_timeout + extra);
    }

    private string ReadResponse(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var gotAnyBytes = false;
        while (DateTime.UtcNow < deadline)
        {
            int n;
            try
            {
                n = _port.Read(_buffer, 0, _buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                throw new CliException($"lost the serial line on {_name}: the device was unplugged or reset");
            }
            if (n == 0) continue;
            gotAnyBytes = true;
            for (var i = 0; i < n; i++)
            {
                var b = _buffer[i];
                if (b == (byte)'\n')
                {
                    var line = _line.ToString().TrimEnd('\r');
                    _line.Clear();
                    if (line.StartsWith("OK", StringComparison.Ordinal) || line.StartsWith("ERR", StringComparison.Ordinal)) return line;
                    continue; // a log line or noise: not an answer
                }
                if (b is >= 0x20 and < 0x7f || b == (byte)'\r') { if (_line.Length < MaxLine) _line.Append((char)b); }
                else _unreadable++;
            }
        }
        if (_unreadable > 0 && gotAnyBytes)
        {
            throw new CliException($"the device on {_name} answered with unreadable bytes: wrong baud rate? (the protocol is {_port.BaudRate} 8N1; try --baud 115200) Or is this the board's own USB port? That is nanoFramework's debug link: provision through the adapter on the provisioning header (UART1).");
        }
        if (gotAnyBytes)
        {
            throw new CliException($"the device on {_name} answered but not with OK/ERR: is it in provisioning mode?");
        }
        throw new CliException($"no answer from the device on {_name} within {timeout.TotalSeconds:0} s: is it powered, in provisioning mode, and is this the right port?");
    }

    public void Dispose()
    {
        try
        {
            _port.Dispose();
        }
        catch (IOException)
        {
        }
    }
}
