using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace EdgeGateway.TestInfra;

/// <summary>
/// Plays systemd's side of sd_notify: a unix datagram socket in a temp folder (pass <see cref="Path"/> as
/// NOTIFY_SOCKET) that collects every message a process sends, in order, with the time it arrived.
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<(DateTime At, string Text)> _messages = Channel.CreateUnbounded<(DateTime, string)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    public NotifySocket(string path)
    {
        Path = path;
        _socket.Bind(new UnixDomainSocketEndPoint(path));
        _receiving = ReceiveAsync();
    }

    public string Path { get; }

    /// <summary>The next message (one datagram may hold several lines, e.g. "READY=1\nSTATUS=..."), or a timeout naming what was awaited.</summary>
    public async Task<(DateTime At, string Text)> NextAsync(TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no sd_notify message within {timeout.TotalSeconds:0.#} s while waiting for: {what}");
        }
    }

    /// <summary>Reads messages until one contains <paramref name="line"/>; returns when it arrived.</summary>
    public async Task<DateTime> WaitForAsync(string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no '{line}' on the notify socket within {timeout.TotalSeconds:0.#} s");
            var (at, text) = await NextAsync(left, line).ConfigureAwait(false);
            if (text.Split('\n').Contains(line, StringComparer.Ordinal)) return at;
        }
    }

    /// <summary>Messages already received and not yet read, without waiting.</summary>
    public List<(DateTime At, string Text)> Drain()
    {
        var list = new List<(DateTime, string)>();
        while (_messages.Reader.TryRead(out var m)) list.Add(m);
        return list;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                _messages.Writer.TryWrite((DateTime.UtcNow, Encoding.UTF8.GetString(buffer, 0, n).Trim()));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try { _receiving.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { /* the receive loop ended with the socket */ }
        _stop.Dispose();
        try { File.Delete(Path); }
        catch (IOException) { /* best effort */ }
    }
}
