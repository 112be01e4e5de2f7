namespace EdgeGateway.Broker.Listener;

/// <summary>
/// Follows the MQTT framing of one connection's incoming bytes (fixed header, remaining length, body) without
/// buffering any of them, and says no as soon as a fixed header is complete if the packet it announces is not
/// allowed: the first packet must be a CONNECT of at most <c>maxConnectBytes</c>, every later one at most
/// <c>maxPacketBytes</c>. MQTTnet reads the remaining length byte by byte and only then allocates the body, so a
/// "no" here (the connection reads as closed) comes before anything is allocated for the claimed size.
/// </summary>
internal sealed class FrameGuard
{
    private const byte ConnectType = 1;

    private readonly int _maxConnectBytes;
    private readonly int _maxPacketBytes;
    private State _state = State.Header;
    private bool _connectSeen;
    private byte _type;
    private int _length;
    private int _multiplier;
    private int _lengthBytes;
    private int _remaining;

    public FrameGuard(int maxConnectBytes, int maxPacketBytes)
    {
        _maxConnectBytes = maxConnectBytes;
        _maxPacketBytes = maxPacketBytes;
    }

    private enum State
    {
        Header,
        Length,
        Body,
    }

    /// <summary>True once the whole first packet (the CONNECT) has been read.</summary>
    public bool ConnectComplete { get; private set; }

    /// <summary>Why the connection was refused, or null.</summary>
    public string? Violation { get; private set; }

    /// <summary>The kind of the violation, for counting: <c>not_connect</c>, <c>oversize</c> or <c>malformed</c>.</summary>
    public string? ViolationKind { get; private set; }

    /// <returns>False when these bytes break a rule; the connection must then be closed without passing them on.</returns>
    public bool Inspect(ReadOnlySpan<byte> data)
    {
        if (Violation is not null) return false;
        var i = 0;
        while (i < data.Length)
        {
            switch (_state)
            {
                case State.Header:
                    _type = (byte)(data[i++] >> 4);
                    if (!_connectSeen && _type != ConnectType) return Refuse("not_connect", $"the first packet is type {_type}, not a CONNECT");
                    _connectSeen = true;
                    (_state, _length, _multiplier, _lengthBytes) = (State.Length, 0, 1, 0);
                    break;
                case State.Length:
                    var b = data[i++];
                    _length += (b & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    if (++_lengthBytes > 4) return Refuse("malformed", "the remaining length has more than 4 bytes");
                    if ((b & 0x80) == 0 && !EndOfHeader()) return false;
                    break;
                default:
                    var n = Math.Min(_remaining, data.Length - i);
                    i += n;
                    _remaining -= n;
                    if (_remaining == 0) EndOfPacket();
                    break;
            }
        }
        return true;
    }

    private bool EndOfHeader()
    {
        var first = !ConnectComplete;
        var limit = first ? _maxConnectBytes : _maxPacketBytes;
        if (_length > limit)
        {
            return Refuse("oversize", first
                ? $"a CONNECT claims {_length} bytes, more than Broker:Limits:MaxConnectPacketBytes ({limit})"
                : $"a packet of type {_type} claims {_length} bytes, more than Broker:Limits:MaxPacketBytes ({limit})");
        }
        _remaining = _length;
        if (_remaining == 0) EndOfPacket();
        else _state = State.Body;
        return true;
    }

    private void EndOfPacket()
    {
        ConnectComplete = true;
        _state = State.Header;
    }

    private bool Refuse(string kind, string why)
    {
        ViolationKind = kind;
        Violation = why;
        return false;
    }
}
