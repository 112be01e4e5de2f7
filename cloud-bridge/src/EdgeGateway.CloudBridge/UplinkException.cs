namespace EdgeGateway.CloudBridge;

/// <summary>The hub did not acknowledge a batch: unreachable, refused, or stalled. Nothing of the batch counts as delivered.</summary>
public sealed class UplinkException : Exception
{
    public UplinkException(string message) : base(message) { }

    public UplinkException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The link is down (its last connect failed): retrying before the link's keeper reconnects is pointless.</summary>
    public bool LinkDown { get; init; }

    /// <summary>
    /// The hub refused the connection for a reason a new attempt made at once cannot change (its credentials, identity or
    /// quota; <see cref="ConnectRefusal"/>): the link reconnects on its backoff only, even while an alarm waits.
    /// </summary>
    public bool Refused { get; init; }

    /// <summary>Not sent because a batch sent before it failed (<c>SendOrder</c>): not a failure of the link itself.</summary>
    public bool HeldBack { get; init; }
}
