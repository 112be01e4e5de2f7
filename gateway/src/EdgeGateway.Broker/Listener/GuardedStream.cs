namespace EdgeGateway.Broker.Listener;

/// <summary>
/// The stream MQTTnet reads a client from: passes every read through a <see cref="FrameGuard"/>. When the guard
/// refuses, the read reports end of stream (MQTTnet then drops the connection) and <c>onViolation</c> is told why.
/// When the CONNECT has been read whole, <c>onConnect</c> is told once.
/// </summary>
internal sealed class GuardedStream : Stream
{
    private readonly Stream _inner;
    private readonly FrameGuard _guard;
    private readonly Action _onConnect;
    private readonly Action<FrameGuard> _onViolation;
    private bool _connectReported;

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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_guard.Violation is not null) return 0;
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_guard.Violation is not null) return 0;
        var n = _inner.Read(buffer, offset, count);
        return Check(buffer.AsSpan(offset, n));
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
