using EdgeGateway.Contracts.Uplink;

namespace EdgeGateway.TestInfra.Fakes;

/// <summary>An <see cref="IUplink"/> whose state a test sets; it sends nothing.</summary>
public sealed class FakeUplink : IUplink
{
    public string Name => "fake";

    public UplinkState State { get; set; } = UplinkState.Connected;

    public Task SendAsync(IReadOnlyList<UplinkMessage> batch, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
