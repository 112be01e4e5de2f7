namespace EdgeGateway.Contracts.Uplink;

/// <summary>
/// The seam between the gateway's forwarder and a cloud hub (cloud-bridge implements it).
/// <para>
/// Contract: <see cref="SendAsync"/> completes only when the hub has acknowledged every message in the
/// batch (G2); it throws when any was not acknowledged, and then none of the batch may be assumed
/// delivered. The forwarder deletes from the buffer only after it completes. Messages may be delivered
/// more than once; their <see cref="UplinkMessage.EventId"/> makes that harmless (G3).
/// </para>
/// </summary>
public interface IUplink : IAsyncDisposable
{
    /// <summary>A short name for logs and metrics, e.g. <c>file</c>, <c>mqtt</c>, <c>iothub</c>.</summary>
    string Name { get; }

    /// <summary>Current link state, for status displays.</summary>
    UplinkState State { get; }

    /// <summary>Sends a batch and completes when the hub has acknowledged all of it.</summary>
    Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken);
}
