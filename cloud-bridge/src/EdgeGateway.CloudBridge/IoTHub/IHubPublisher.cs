namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>What the uplink's senders need of the hub link (<see cref="IoTHubLink"/>; a fake in unit tests).</summary>
internal interface IHubPublisher
{
    /// <summary>Waits for the link to be up; returns the connection's generation.</summary>
    ValueTask<long> WaitUpAsync(bool urgent, CancellationToken cancellationToken);

    /// <summary>One QoS 1 publish over connection <paramref name="generation"/>; completes with its PUBACK (ack timeout from this call on).</summary>
    Task PublishAsync(long generation, string topic, byte[] payload, CancellationToken cancellationToken);

    /// <summary>Connection <paramref name="generation"/> carried a send.</summary>
    void Proven(long generation);
}
