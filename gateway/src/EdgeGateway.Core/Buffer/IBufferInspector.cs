namespace EdgeGateway.Core.Buffer;

/// <summary>
/// What the durable buffer holds right now, for the console's buffer page and the metrics: depth and oldest event per
/// class, and the bytes counted against the quota. Reads only; answers from the buffer's own read connection, so it never
/// waits for the writer's group commit.
/// </summary>
public interface IBufferInspector
{
    BufferSnapshot Inspect();
}
