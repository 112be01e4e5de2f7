using System.Diagnostics;
using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Storage;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>The writer's queue: the writer names how many appends it waits for; a P0 ends the wait at once.</summary>
public sealed class WriteQueueTests
{
    private static WriteOp Op(string dev, long seq, string type = "test")
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""");
        return WriteOp.Append(EnvelopeParser.Parse(raw, dev).Envelope!, raw, 0, null);
    }

    private static string Id(WriteOp op) => op.Envelope.Id.ToString();

    [Fact]
    public async Task A_writer_waiting_for_three_appends_takes_all_three_together_in_arrival_order()
    {
        var queue = new WriteQueue();
        var group = new List<WriteOp>();
        var taker = Task.Run(() => queue.TakeInto(group, 100, 3, TimeSpan.FromSeconds(30)));
        queue.Add(Op("a", 1));
        queue.Add(Op("b", 1));
        queue.Add(Op("c", 1));

        Assert.Equal(3, await taker.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(["a:1:1", "b:1:1", "c:1:1"], group.Select(Id));
    }

    [Fact]
    public async Task A_panic_ends_the_wait_at_once_and_is_taken_first()
    {
        var queue = new WriteQueue();
        var group = new List<WriteOp>();
        var sw = Stopwatch.StartNew();
        var taker = Task.Run(() => queue.TakeInto(group, 100, 50, TimeSpan.FromSeconds(30)));
        queue.Add(Op("a", 1));
        queue.Add(Op("pb", 1, EventTypes.Panic));

        Assert.Equal(2, await taker.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"the panic waited {sw.Elapsed} for appends that never came");
        Assert.Equal(["pb:1:1", "a:1:1"], group.Select(Id));
    }

    [Fact]
    public void After_the_wait_the_writer_takes_what_came_and_a_completed_queue_ends_any_wait()
    {
        var queue = new WriteQueue();
        var group = new List<WriteOp>();
        queue.Add(Op("a", 1));
        var sw = Stopwatch.StartNew();
        Assert.Equal(1, queue.TakeInto(group, 100, 5, TimeSpan.FromMilliseconds(100)));
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {sw.Elapsed}, before its wait was over");

        queue.CompleteAdding();
        Assert.True(queue.IsCompleted);
        Assert.Equal(0, queue.TakeInto(group, 100, 5, TimeSpan.FromSeconds(30)));
        Assert.Throws<InvalidOperationException>(() => queue.Add(Op("b", 1)));
    }
}
