using System.Collections.Concurrent;
using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.TestInfra.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>A hub link for unit tests: always up, records each publish and lets the test ack or fail it.</summary>
internal sealed class FakeHubLink : IHubPublisher
{
    private readonly ConcurrentQueue<Written> _written = new();

    public IReadOnlyList<Written> Writes => _written.ToArray();

    public ValueTask<long> WaitUpAsync(bool urgent, CancellationToken cancellationToken) => ValueTask.FromResult(1L);

    public Task PublishAsync(long generation, string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var bag = topic[(topic.IndexOf("/messages/events/", StringComparison.Ordinal) + "/messages/events/".Length)..];
        var written = new Written(new ReceivedTelemetry("gw", topic, PropertyBag.Decode(bag), payload, false));
        _written.Enqueue(written);
        return written.Ack.Task;
    }

    public void Proven(long generation)
    {
    }

    /// <summary>One publish; complete <see cref="Ack"/> to PUBACK it, fail it to fail the publish.</summary>
    public sealed record Written(ReceivedTelemetry Message)
    {
        public TaskCompletionSource Ack { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
