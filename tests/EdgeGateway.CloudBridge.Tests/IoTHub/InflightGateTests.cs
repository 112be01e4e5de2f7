using EdgeGateway.CloudBridge.IoTHub;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

public sealed class InflightGateTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Other_messages_hold_at_most_the_cap_less_the_alarm_reserve_and_alarms_take_the_reserve()
    {
        var gate = new InflightGate(capacity: 4, alarmReserve: 1);
        for (var i = 0; i < 3; i++) Assert.True(gate.TryEnter(alarm: false), $"routine message {i + 1} found no slot");
        Assert.False(gate.TryEnter(alarm: false));
        Assert.True(gate.TryEnter(alarm: true));
        Assert.False(gate.TryEnter(alarm: true));
        Assert.Equal(4, gate.Held);
    }

    [Fact]
    public async Task A_freed_slot_goes_to_a_waiting_alarm_before_other_messages_that_waited_longer()
    {
        var gate = new InflightGate(capacity: 2, alarmReserve: 0);
        Assert.True(gate.TryEnter(alarm: false));
        Assert.True(gate.TryEnter(alarm: false));
        var routine = gate.WaitAsync(alarm: false, None);
        var alarm = gate.WaitAsync(alarm: true, None);

        gate.Release(alarm: false);
        await alarm.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(routine.IsCompleted, "a routine message took the slot a waiting alarm was owed");

        gate.Release(alarm: false);
        await routine.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, gate.Held);
    }

    [Fact]
    public async Task Routine_messages_get_their_slots_in_the_order_they_asked()
    {
        var gate = new InflightGate(capacity: 1, alarmReserve: 0);
        Assert.True(gate.TryEnter(alarm: false));
        var first = gate.WaitAsync(alarm: false, None);
        var second = gate.WaitAsync(alarm: false, None);
        // A newcomer does not overtake the queue even when it asks the moment a slot is free.
        gate.Release(alarm: false);
        Assert.False(gate.TryEnter(alarm: false));
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_its_slot_goes_to_the_next()
    {
        var gate = new InflightGate(capacity: 1, alarmReserve: 0);
        Assert.True(gate.TryEnter(alarm: true));
        using var cancel = new CancellationTokenSource();
        var gone = gate.WaitAsync(alarm: true, cancel.Token);
        var next = gate.WaitAsync(alarm: true, None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);
        gate.Release(alarm: true);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, gate.Held);
    }
}
