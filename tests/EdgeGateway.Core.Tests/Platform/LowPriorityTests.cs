using EdgeGateway.Core.Platform;

namespace EdgeGateway.Core.Tests.Platform;

public sealed class LowPriorityTests
{
    [Fact]
    public void Lowering_a_thread_sets_its_own_nice_value_and_leaves_the_other_threads_alone()
    {
        var before = LowPriority.CurrentThreadNice();
        int? lowered = null;
        var applied = false;
        var thread = new Thread(() =>
        {
            applied = LowPriority.ApplyToCurrentThread(10);
            lowered = LowPriority.CurrentThreadNice();
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));

        Assert.True(applied);
        Assert.Equal(10, lowered);
        Assert.Equal(before, LowPriority.CurrentThreadNice());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public void A_nice_value_outside_1_to_19_is_refused(int nice) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LowPriority.ApplyToCurrentThread(nice));
}
