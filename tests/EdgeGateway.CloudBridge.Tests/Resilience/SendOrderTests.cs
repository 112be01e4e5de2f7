using EdgeGateway.CloudBridge.Resilience;

namespace EdgeGateway.CloudBridge.Tests.Resilience;

/// <summary>G5 across a lost connection: a later batch never goes up on a new connection ahead of an earlier one.</summary>
public sealed class SendOrderTests
{
    /// <summary>A non-alarm batch handed over on connection <paramref name="generation"/>, acked when <paramref name="acks"/> completes.</summary>
    private static Task SendAsync(SendOrder order, long generation, Task acks) =>
        order.SendAsync(ticket =>
        {
            order.ThrowIfOvertaken(ticket, generation);
            return Task.FromResult(acks);
        }, CancellationToken.None);

    [Fact]
    public async Task A_batch_is_held_back_from_a_new_connection_while_an_earlier_one_awaits_acks_on_the_lost_one()
    {
        var order = new SendOrder();
        var firstAcks = new TaskCompletionSource();
        var first = SendAsync(order, generation: 1, firstAcks.Task); // its acks have not come

        // The link dropped and came back as connection 2 before the first batch's failure was counted.
        var held = await Assert.ThrowsAsync<UplinkException>(() => SendAsync(order, generation: 2, Task.CompletedTask));
        Assert.True(held.HeldBack, held.Message);

        firstAcks.SetException(new UplinkException("the upstream link dropped mid-send"));
        await Assert.ThrowsAsync<UplinkException>(() => first);
    }

    [Fact]
    public async Task Batches_on_the_same_connection_go_on_while_earlier_acks_are_pending()
    {
        var order = new SendOrder();
        var firstAcks = new TaskCompletionSource();
        var first = SendAsync(order, generation: 1, firstAcks.Task);

        await SendAsync(order, generation: 1, Task.CompletedTask); // batches in flight on one connection do not wait for each other's acks
        Assert.False(first.IsCompleted);
        firstAcks.SetResult();
        await first;

        await SendAsync(order, generation: 2, Task.CompletedTask); // nothing awaits acks on connection 1 any more
    }
}
