using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Bench;

/// <summary>
/// A TCP relay on 127.0.0.1 between the gateway and its upstream broker that the bench can cut, as a hub that went
/// away: <see cref="Cut"/> stops listening (connects are refused) and closes every relayed connection;
/// <see cref="Open"/> listens again on the same port. The broker itself keeps running, so a subscriber on it sees
/// everything the gateway delivers.
/// </summary>
internal sealed class LinkCut : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _relayed = [];
    private TcpListener? _listener;

    public LinkCut(int target)
    {
        _target = target;
        Port = ChildProcess.FreePort();
        Open();
    }

    public int Port { get; }

    public void Open()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_relayed)
        {
            foreach (var c in _relayed) c.Dispose();
            _relayed.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // cut
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_relayed) _relayed.AddRange([inbound, outbound]);
            _ = RelayAsync(inbound, outbound);
            _ = RelayAsync(outbound, inbound);
        }
    }

    private static async Task RelayAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // cut, or the other side closed
        }
        from.Dispose();
        to.Dispose();
    }

    public void Dispose() => Cut();
}
