using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Broker;

/// <summary>
/// The broker's proof that it accepts: a real TCP connect to its own listener and an MQTT 3.1.1 CONNECT under a
/// per-start random client id, which <see cref="MqttBrokerService"/> recognises and refuses (no session, no
/// auth-failure count). A CONNACK back means the listener accepted and the connect pipeline ran.
/// </summary>
internal sealed class BrokerProbe
{
    public BrokerProbe() => ClientId = "edgegw-probe-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The client id only this probe uses (37 characters, unguessable).</summary>
    public string ClientId { get; }

    /// <summary>True when a CONNACK came back within <paramref name="timeout"/>.</summary>
    public async Task<bool> ProbeAsync(IPAddress host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var socket = new Socket(host.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(Loopback(host), port), cts.Token).ConfigureAwait(false);
            await socket.SendAsync(ConnectPacket(), SocketFlags.None, cts.Token).ConfigureAwait(false);
            var connack = new byte[4];
            var got = 0;
            while (got < connack.Length)
            {
                var n = await socket.ReceiveAsync(connack.AsMemory(got), SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0) return false;
                got += n;
            }
            return connack[0] == 0x20 && connack[1] == 0x02; // CONNACK, remaining length 2
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static IPAddress Loopback(IPAddress bound) =>
        bound.Equals(IPAddress.Any) ? IPAddress.Loopback : bound.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : bound;

    private byte[] ConnectPacket()
    {
        var id = Encoding.ASCII.GetBytes(ClientId);
        var body = new List<byte> { 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x0A };
        body.Add((byte)(id.Length >> 8));
        body.Add((byte)id.Length);
        body.AddRange(id);
        return [0x10, (byte)body.Count, .. body]; // remaining length < 128: one byte
    }
}
