using System.Text;
using EdgeGateway.Broker.Listener;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>The listener's stream: read-ahead after the CONNECT, with the frame guard still judging every byte handed on.</summary>
public sealed class GuardedStreamTests
{
    [Fact]
    public async Task Pipelined_publishes_read_as_mqttnet_reads_them_arrive_whole_in_order_with_fewer_socket_reads()
    {
        var connect = RawMqtt.Connect("dev-1", null, null);
        var publishes = Enumerable.Range(1, 5).Select(i => RawMqtt.Publish("sec/v1/dev-1/evt", Encoding.UTF8.GetBytes($"{{\"seq\":{i}}}"), packetId: (ushort)i)).ToArray();
        var socket = new CountingStream([.. connect, .. publishes.SelectMany(p => p)]);
        var connected = 0;
        using var stream = new GuardedStream(socket, new FrameGuard(1000, 1000), () => connected++, _ => Assert.Fail("no violation expected"));

        Assert.Equal(connect, await ReadPacketAsync(stream));
        Assert.Equal(1, connected);
        var readsAfterConnect = socket.Reads;
        foreach (var expected in publishes) Assert.Equal(expected, await ReadPacketAsync(stream));
        // Three reads per packet (header, length, body) were three receives each; now one receive holds all five.
        Assert.Equal(1, socket.Reads - readsAfterConnect);
        Assert.Equal(0, await stream.ReadAsync(new byte[2]));
    }

    [Fact]
    public async Task An_oversized_packet_behind_good_ones_in_the_same_receive_is_refused_after_the_good_ones_are_handed_on()
    {
        var connect = RawMqtt.Connect("dev-1", null, null);
        var good = RawMqtt.Publish("sec/v1/dev-1/evt", "{}"u8.ToArray());
        var socket = new CountingStream([.. connect, .. good, .. RawMqtt.Header(0x32, 5000), .. new byte[100]]);
        string? violation = null;
        using var stream = new GuardedStream(socket, new FrameGuard(1000, 1000), () => { }, g => violation = g.Violation);

        Assert.Equal(connect, await ReadPacketAsync(stream));
        Assert.Equal(good, await ReadPacketAsync(stream));
        Assert.Equal(2, await stream.ReadAsync(new byte[2])); // type and the first length byte: the size is not known yet
        Assert.Null(violation);
        Assert.Equal(0, await stream.ReadAsync(new byte[1])); // the last length byte: 5,000 > 1,000, refused
        Assert.Contains("claims 5000 bytes", violation, StringComparison.Ordinal);
        Assert.Equal(0, await stream.ReadAsync(new byte[100]));
    }

    /// <summary>Reads one packet the way MQTTnet does: two header bytes, the rest of the remaining length byte by byte, then the body.</summary>
    private static async Task<byte[]> ReadPacketAsync(Stream stream)
    {
        var packet = new List<byte>();
        var header = new byte[2];
        await stream.ReadExactlyAsync(header);
        packet.AddRange(header);
        var length = header[1] & 0x7F;
        var multiplier = 128;
        var last = header[1];
        while ((last & 0x80) != 0)
        {
            var next = new byte[1];
            await stream.ReadExactlyAsync(next);
            packet.Add(next[0]);
            last = next[0];
            length += (last & 0x7F) * multiplier;
            multiplier *= 128;
        }
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        packet.AddRange(body);
        return [.. packet];
    }

    /// <summary>A socket's bytes, counting the receives made of them (the stream reads asynchronously, as MQTTnet makes it).</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public int Reads { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
