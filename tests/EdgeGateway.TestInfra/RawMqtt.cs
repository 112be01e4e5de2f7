using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.TestInfra;

/// <summary>
/// MQTT packets written byte by byte over a plain socket bound to a chosen loopback address (127.0.0.2 is "another
/// machine"), for tests that need what a library client will not send: other source addresses, lying lengths,
/// silent sockets, malformed frames.
/// </summary>
public static class RawMqtt
{
    /// <summary>A TCP connection from <paramref name="localAddress"/> to the gateway's listener.</summary>
    public static async Task<Socket> OpenAsync(string localAddress, int port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A CONNECT (3.1.1 when <paramref name="version"/> is 4, 5 when 5), clean session off, keep-alive 60 s.</summary>
    public static byte[] Connect(string clientId, string? user, string? password, byte version = 4)
    {
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add(version);
        byte flags = 0;
        if (user is not null) flags |= 0x80;
        if (password is not null) flags |= 0x40;
        body.Add(flags);
        body.Add(0);
        body.Add(60);
        if (version == 5) body.Add(0); // no properties
        AddString(body, clientId);
        if (user is not null) AddString(body, user);
        if (password is not null) AddString(body, password);
        return Frame(0x10, body);
    }

    /// <summary>A QoS 1 PUBLISH with packet id 1 (3.1.1 layout, or 5 with an empty property block).</summary>
    public static byte[] Publish(string topic, byte[] payload, byte version = 4, ushort packetId = 1)
    {
        var body = new List<byte>();
        AddString(body, topic);
        body.Add((byte)(packetId >> 8));
        body.Add((byte)packetId);
        if (version == 5) body.Add(0);
        body.AddRange(payload);
        return Frame(0x32, body);
    }

    /// <summary>A fixed header whose remaining length claims <paramref name="claimed"/> bytes, with none of them sent.</summary>
    public static byte[] Header(byte type, int claimed) => [type, .. RemainingLength(claimed)];

    public static byte[] Frame(byte firstByte, IReadOnlyCollection<byte> body) => [firstByte, .. RemainingLength(body.Count), .. body];

    public static byte[] RemainingLength(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            if (length > 0) digit |= 0x80;
            bytes.Add(digit);
        }
        while (length > 0);
        return [.. bytes];
    }

    /// <summary>Reads one whole packet; null when the peer closed the connection first.</summary>
    public static async Task<byte[]?> ReadPacketAsync(Socket socket, CancellationToken cancellationToken)
    {
        var first = await ReadExactlyAsync(socket, 1, cancellationToken).ConfigureAwait(false);
        if (first is null) return null;
        var length = 0;
        var multiplier = 1;
        var header = new List<byte> { first[0] };
        for (var i = 0; i < 4; i++)
        {
            var b = await ReadExactlyAsync(socket, 1, cancellationToken).ConfigureAwait(false);
            if (b is null) return null;
            header.Add(b[0]);
            length += (b[0] & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b[0] & 0x80) == 0) break;
        }
        var body = length == 0 ? [] : await ReadExactlyAsync(socket, length, cancellationToken).ConfigureAwait(false);
        return body is null ? null : [.. header, .. body];
    }

    /// <summary>The CONNACK's return (3.1.1) or reason (5) code, or null when the connection closed without one.</summary>
    public static async Task<byte?> ConnAckCodeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var packet = await ReadPacketAsync(socket, cancellationToken).ConfigureAwait(false);
        if (packet is null || packet[0] != 0x20 || packet.Length < 4) return null;
        return packet[3];
    }

    /// <summary>True when the peer closed the connection (read returns 0 or fails) before <paramref name="cancellationToken"/>.</summary>
    public static async Task<bool> IsClosedByPeerAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0) return true;
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<byte[]?> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        try
        {
            while (read < count)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0) return null;
                read += n;
            }
        }
        catch (SocketException)
        {
            return null;
        }
        return buffer;
    }

    private static void AddString(List<byte> body, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }
}
