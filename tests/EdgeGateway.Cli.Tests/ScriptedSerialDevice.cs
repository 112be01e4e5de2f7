using System.IO.Ports;
using System.Text;

namespace EdgeGateway.Cli.Tests;

/// <summary>
/// A hand-scripted device on the device end of a pty, for faults the virtual device would not produce: it
/// answers each received line with <c>respond(line)</c> (null: no answer) and reports the lines it got.
/// </summary>
internal sealed class ScriptedSerialDevice : IDisposable
{
    private readonly SerialPort _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _received = [];

    public ScriptedSerialDevice(string path, Func<string, byte[]?> respond, int baud = 115200)
    {
        _port = new SerialPort(path, baud) { ReadTimeout = 100 };
        _port.Open();
        _loop = Task.Run(() => Loop(respond));
    }

    public TaskCompletionSource<string> FirstSet { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Received { get { lock (_received) return _received.ToArray(); } }

    private void Loop(Func<string, byte[]?> respond)
    {
        var line = new StringBuilder();
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = _port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                return; // unplugged
            }
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    line.Append((char)buffer[i]);
                    continue;
                }
                var text = line.ToString();
                line.Clear();
                lock (_received) _received.Add(text);
                if (text.StartsWith("SET ", StringComparison.Ordinal)) FirstSet.TrySetResult(text);
                var answer = respond(text);
                try
                {
                    if (answer is not null) _port.Write(answer, 0, answer.Length);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        try
        {
            _port.Dispose();
        }
        catch (IOException)
        {
        }
        _stop.Dispose();
    }
}
