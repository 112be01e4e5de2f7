namespace EdgeGateway.Contracts.Uplink;

/// <summary>
/// An uplink with a side that runs for the life of the gateway: it keeps its link up between sends and receives
/// what the cloud sends (commands, methods, desired settings), handing it to the
/// <see cref="Commands.ICloudInbound"/> it was built with. The host runs <see cref="RunAsync"/>.
/// </summary>
public interface IHostedUplink : IUplink
{
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes the next time the link (re)connects after this call, so a forwarder waiting out a backoff after an
    /// outage resumes the moment the hub is back instead of when its timer ends.
    /// </summary>
    Task WaitForReconnectAsync(CancellationToken cancellationToken);
}
