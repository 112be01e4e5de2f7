using EdgeGateway.CloudBridge.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

public sealed class InflightGateTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task No_more_than_the_cap_are_held_and_a_freed_slot_passes_to_the_first_waiter()
    {
        var gate = new InflightGate(capacity: 2);
        Assert.True(gate.TryEnter());
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        var first = gate.WaitAsync(None);
        var second = gate.WaitAsync(None);
        Assert.False(first.IsCompleted);

        gate.Release();
        await first.WaitAsync(Wait);
        Assert.False(second.IsCompleted, "one release woke two waiters");
        Assert.Equal(2, gate.Held);
        // A newcomer does not overtake the waiter even when it asks the moment a slot is freed.
        Assert.False(gate.TryEnter());
        gate.Release();
        await second.WaitAsync(Wait);
        gate.Release();
        gate.Release();
        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_slot_goes_to_the_next()
    {
        var gate = new InflightGate(capacity: 1);
        Assert.True(gate.TryEnter());
        using var cancel = new CancellationTokenSource();
        var gone = gate.WaitAsync(cancel.Token);
        var next = gate.WaitAsync(None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        gate.Release();
        await next.WaitAsync(Wait);
        Assert.Equal(1, gate.Held);
    }
}
