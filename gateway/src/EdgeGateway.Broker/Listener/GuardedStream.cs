namespace EdgeGateway.Broker.Listener;

/// <summary>
/// The stream MQTTnet reads a client from: passes every read through a <see cref="FrameGuard"/>. When the guard
/// refuses, the read reports end of stream (MQTTnet then drops the connection) and <c>onViolation</c> is told why.
/// When the CONNECT has been read whole, <c>onConnect</c> is told once.
/// After the CONNECT, reads from the socket go through a small buffer of <see cref="ReadBufferBytes"/>: MQTTnet reads a
/// packet in two or three pieces (fixed header, remaining length, body), each a receive system call on the bare socket,
/// while a device's next publishes are usually already waiting in it. The guard inspects bytes as they are handed to
/// MQTTnet, so its "no" still comes before MQTTnet allocates anything for a claimed size.
/// </summary>
internal sealed class GuardedStream : Stream
{
    private readonly Stream _inner;
    private readonly FrameGuard _guard;
    private readonly Action _onConnect;
    private readonly Action<FrameGuard> _onViolation;
    private bool _connectReported;
    private byte[]? _buffer; // allocated once the CONNECT is whole: a connection that never logs in costs none
    private int _start;
    private int _end;

    /// <summary>Bytes read ahead from the socket per receive once connected (a few envelopes; a bigger read goes direct).</summary>
    public const int ReadBufferBytes = 1024;

    public GuardedStream(Stream inner, FrameGuard guard, Action onConnect, Action<FrameGuard> onViolation)
    {
        _inner = inner;
        _guard = guard;
        _onConnect = onConnect;
        _onViolation = onViolation;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_guard.Violation is not null) return ValueTask.FromResult(0);
        if (_start < _end) return ValueTask.FromResult(TakeBuffered(buffer.Span));
        return _buffer is null || buffer.Length >= _buffer.Length ? ReadDirectAsync(buffer, cancellationToken) : FillAsync(buffer, cancellationToken);
    }

    private async ValueTask<int> ReadDirectAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span[..n]);
    }

    private async ValueTask<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        (_start, _end) = (0, 0); // empty until the read returns: a read that throws leaves nothing stale behind
        _end = await _inner.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return TakeBuffered(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_guard.Violation is not null) return 0;
        var target = buffer.AsSpan(offset, count);
        if (_start < _end) return TakeBuffered(target);
        if (_buffer is null || count >= _buffer.Length) return Check(target[.._inner.Read(target)]);
        (_start, _end) = (0, 0);
        _end = _inner.Read(_buffer, 0, _buffer.Length);
        return TakeBuffered(target);
    }

    /// <summary>Hands over what is buffered, as much as fits, through the guard.</summary>
    private int TakeBuffered(Span<byte> target)
    {
        var n = Math.Min(target.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(target);
        _start += n;
        return Check(target[..n]);
    }

    private int Check(ReadOnlySpan<byte> read)
    {
        if (read.Length == 0) return 0;
        if (!_guard.Inspect(read))
        {
            _onViolation(_guard);
            return 0;
        }
        if (!_connectReported && _guard.ConnectComplete)
        {
            _connectReported = true;
            _buffer = new byte[ReadBufferBytes];
            _onConnect();
        }
        return read.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
