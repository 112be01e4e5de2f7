using System.Text;
using EdgeGateway.Broker.Listener;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>Issue 14: packet sizes after login, state payloads, the CONNECT timeout, and MQTT 5 PUBACK reason codes.</summary>
public sealed class PacketLimitsTests : IAsyncLifetime
{
    private readonly string _secret = SecretHasher.NewSecret();
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync("--Broker:Limits:ConnectTimeout=00:00:01");
        _gateway.Registry.Add("pb-a", "panic-button", "test", null, _secret, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private GuardMetrics Guard => _gateway.Services.GetRequiredService<GuardMetrics>();

    private async Task<System.Net.Sockets.Socket> LoginAsync(byte version)
    {
        var socket = await RawMqtt.OpenAsync("127.0.0.1", _gateway.Port);
        await socket.SendAsync(RawMqtt.Connect("pb-a", "pb-a", _secret, version));
        Assert.Equal((byte)0, await RawMqtt.ConnAckCodeAsync(socket, CancellationToken.None));
        return socket;
    }

    private static byte[] Envelope(int seq) =>
        Encoding.UTF8.GetBytes("{\"v\":1,\"dev\":\"pb-a\",\"boot\":1,\"seq\":" + seq + ",\"type\":\"panic\",\"ts\":1763900000123,\"data\":{}}");

    private static async Task<bool> ClosedWithinAsync(System.Net.Sockets.Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await RawMqtt.IsClosedByPeerAsync(socket, cts.Token);
    }

    [Fact]
    public async Task A_packet_claiming_more_than_the_limit_after_login_is_refused_before_its_body_arrives()
    {
        using var socket = await LoginAsync(4);
        await socket.SendAsync(RawMqtt.Header(0x32, 1_000_000));
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "the connection stayed open");
        // The client can see the close before the listener has counted it: wait for the count, with a deadline.
        await Eventually.TrueAsync(() => Guard.Closed("oversize") == 1, TimeSpan.FromSeconds(5), "the oversize close counted once");
        Assert.Contains("a packet of type 3 claims 1000000 bytes, more than Broker:Limits:MaxPacketBytes (4096)", _gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_without_a_connect_is_closed_after_the_connect_timeout()
    {
        using var socket = await RawMqtt.OpenAsync("127.0.0.1", _gateway.Port);
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "a silent socket stayed open");
        // The client can see the close before the listener has counted it: wait for the count, with a deadline.
        await Eventually.TrueAsync(() => Guard.Closed("connect_timeout") == 1, TimeSpan.FromSeconds(5), "the connect_timeout close counted once");
    }

    [Fact]
    public async Task A_first_packet_that_is_not_a_connect_closes_the_socket()
    {
        using var socket = await RawMqtt.OpenAsync("127.0.0.1", _gateway.Port);
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-a/evt", Envelope(1)));
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "the connection stayed open");
        // The client can see the close before the listener has counted it: wait for the count, with a deadline.
        await Eventually.TrueAsync(() => Guard.Closed("not_connect") == 1, TimeSpan.FromSeconds(5), "the not_connect close counted once");
        Assert.Equal(0, _gateway.Metrics.StoredTotal);
    }

    [Fact]
    public async Task A_state_payload_other_than_online_or_offline_disconnects_an_mqtt_3_client()
    {
        using var socket = await LoginAsync(4);
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-a/state", new byte[2000]));
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "the connection stayed open");
        Assert.Equal(1, _gateway.Metrics.Rejected(EnvelopeError.BadField));
    }

    [Fact]
    public async Task An_mqtt_5_client_gets_reason_codes_and_stays_connected()
    {
        _gateway.Registry.Add("pb-b", "panic-button", "test", null, SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
        using var socket = await LoginAsync(5);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-b/evt", Envelope(1), version: 5, packetId: 1), timeout.Token);
        Assert.Equal(0x87, PubAckReason(await RawMqtt.ReadPacketAsync(socket, timeout.Token), 1)); // not authorized
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-a/evt", "not json"u8.ToArray(), version: 5, packetId: 2), timeout.Token);
        Assert.Equal(0x99, PubAckReason(await RawMqtt.ReadPacketAsync(socket, timeout.Token), 2)); // payload format invalid
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-a/state", "hello"u8.ToArray(), version: 5, packetId: 3), timeout.Token);
        Assert.Equal(0x99, PubAckReason(await RawMqtt.ReadPacketAsync(socket, timeout.Token), 3));
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-a/evt", Envelope(4), version: 5, packetId: 4), timeout.Token);
        Assert.Equal(0x00, PubAckReason(await RawMqtt.ReadPacketAsync(socket, timeout.Token), 4)); // still connected, and acked
        Assert.Equal(1, _gateway.Metrics.StoredTotal);
    }

    /// <summary>The reason code of an MQTT 5 PUBACK for <paramref name="packetId"/> (0 when the packet omits it).</summary>
    private static int PubAckReason(byte[]? packet, ushort packetId)
    {
        Assert.NotNull(packet);
        Assert.Equal(0x40, packet[0]);
        Assert.Equal(packetId, (packet[2] << 8) | packet[3]);
        return packet[1] > 2 ? packet[4] : 0;
    }
}
