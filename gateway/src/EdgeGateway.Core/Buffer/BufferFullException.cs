namespace EdgeGateway.Core.Buffer;

/// <summary>
/// The disk quota is reached and nothing sheddable (P3, then P2) is left to make room (G7). The event is not
/// stored, so the broker must not ack it: the device keeps it and retries.
/// </summary>
public sealed class BufferFullException : Exception
{
    public BufferFullException()
        : base("the buffer's disk quota is reached and only P0/P1 events remain; not acking")
    {
    }

    public BufferFullException(string message)
        : base(message)
    {
    }

    public BufferFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
