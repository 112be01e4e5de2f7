using System.Text;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Fuzz;

/// <summary>
/// Byte streams a client could send the broker: random bytes, mutated CONNECTs, and a valid login followed by
/// PUBLISH (odd flags, QoS 3, lying lengths, odd topics, mutated envelopes), SUBSCRIBE (odd filters and options),
/// and the other packet types, truncated or bit-flipped. All from one seeded <see cref="Random"/>.
/// </summary>
internal static class MqttCases
{
    private static readonly string[] Topics =
    [
        "sec/v1/pb-fuzz/evt", "sec/v1/pb-fuzz/state", "sec/v1/pb-other/evt", "sec/v1/pb-fuzz/cmd", "sec/v1/pb-fuzz/evt/x", "", "#", "+",
        "sec/v1/+/evt", "sec/v1/#", "$SYS/broker", "sec/v1//evt", "sec/v1/pb-fuzz", "\u0000", "sec/v1/p\u00e9/evt", new string('a', 300),
    ];

    private static readonly string[] Filters =
    [
        "sec/v1/pb-fuzz/cmd", "#", "+", "sec/#/x", "", "a/+b", "sec/v1/+/cmd", "$share/g/sec/v1/pb-fuzz/cmd", "\u0000", "sec/v1/pb-fuzz/cmd/#", new string('/', 200),
    ];

    public static byte[] Next(Random r, string secret, out string kind)
    {
        switch (r.Next(10))
        {
            case 0:
                kind = "mqtt-random";
                return Bytes(r, r.Next(1, 80));
            case 1:
            case 2:
                kind = "mqtt-connect";
                return Mutate(r, Connect(r, secret, r.Next(3) == 0 ? "wrong-secret-0123456789" : secret), r.Next(1, 4));
            case 3:
            case 4:
            case 5:
                kind = "envelope";
                return Session(r, secret, Publish(r, 0x32, "sec/v1/pb-fuzz/evt", Envelopes.Mutated(r), r.Next(4) == 0));
            default:
                kind = "mqtt-session";
                var packets = Enumerable.Range(0, r.Next(1, 5)).SelectMany(_ => Packet(r)).ToArray();
                var stream = Session(r, secret, packets);
                return r.Next(3) == 0 ? Mutate(r, stream, r.Next(1, 4)) : stream;
        }
    }

    private static byte[] Session(Random r, string secret, byte[] after) => [.. Connect(r, secret, secret), .. after];

    private static byte[] Connect(Random r, string secret, string password)
    {
        var version = (byte)(r.Next(4) == 0 ? 5 : 4);
        return RawMqtt.Connect("pb-fuzz", "pb-fuzz", password, version);
    }

    private static byte[] Packet(Random r)
    {
        switch (r.Next(9))
        {
            case 0:
            case 1:
            case 2:
                var first = (byte)(0x30 | r.Next(16)); // dup, QoS 0-3, retain
                var payload = r.Next(2) == 0 ? Envelopes.Mutated(r) : Bytes(r, r.Next(0, 64));
                return Publish(r, first, Topics[r.Next(Topics.Length)], payload, r.Next(4) == 0);
            case 3:
                return Subscribe(r);
            case 4:
                return RawMqtt.Frame((byte)(r.Next(2) == 0 ? 0xA2 : 0xA0), [.. Id(r), .. Str(Filters[r.Next(Filters.Length)])]);
            case 5:
                return [(byte)(r.Next(2) == 0 ? 0xC0 : 0xC1), 0x00]; // PINGREQ, or with bad flags
            case 6:
                return RawMqtt.Frame((byte)(new byte[] { 0x40, 0x50, 0x62, 0x70 }[r.Next(4)]), Id(r)); // PUBACK/PUBREC/PUBREL/PUBCOMP
            case 7:
                return RawMqtt.Frame((byte)(new byte[] { 0x00, 0xF0, 0x10, 0x20, 0x90, 0xB0, 0xD0 }[r.Next(7)]), Bytes(r, r.Next(0, 16)));
            default:
                return r.Next(2) == 0 ? [0xE0, 0x00] : [0xE0, 0x01, (byte)r.Next(256)]; // DISCONNECT
        }
    }

    private static byte[] Publish(Random r, byte first, string topic, byte[] payload, bool v5Properties)
    {
        var qos = (first >> 1) & 3;
        List<byte> body = [.. Str(topic)];
        if (qos > 0) body.AddRange(Id(r));
        if (v5Properties) body.AddRange(Bytes(r, r.Next(0, 6)));
        body.AddRange(payload);
        var frame = RawMqtt.Frame(first, body);
        return r.Next(5) == 0 ? Lie(r, first, body) : frame;
    }

    private static byte[] Subscribe(Random r)
    {
        List<byte> body = [.. Id(r)];
        for (var i = r.Next(0, 4); i >= 0; i--)
        {
            body.AddRange(Str(Filters[r.Next(Filters.Length)]));
            body.Add((byte)r.Next(256)); // QoS / v5 subscription options, often invalid
        }
        return RawMqtt.Frame((byte)(r.Next(4) == 0 ? 0x80 : 0x82), body);
    }

    /// <summary>A frame whose remaining length does not match its body: shorter, longer, or far over the limit.</summary>
    private static byte[] Lie(Random r, byte first, List<byte> body)
    {
        var claimed = r.Next(3) switch
        {
            0 => Math.Max(0, body.Count - r.Next(1, 10)),
            1 => body.Count + r.Next(1, 100),
            _ => r.Next(5_000, 268_435_455),
        };
        return [first, .. RawMqtt.RemainingLength(claimed), .. body];
    }

    private static byte[] Mutate(Random r, byte[] bytes, int flips)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = 0; i < flips && copy.Length > 0; i++) copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
        return r.Next(4) == 0 && copy.Length > 1 ? copy[..r.Next(1, copy.Length)] : copy;
    }

    private static byte[] Id(Random r) => r.Next(8) == 0 ? [0, 0] : [(byte)r.Next(256), (byte)r.Next(1, 256)];

    private static byte[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static byte[] Bytes(Random r, int count)
    {
        var bytes = new byte[count];
        r.NextBytes(bytes);
        return bytes;
    }
}
