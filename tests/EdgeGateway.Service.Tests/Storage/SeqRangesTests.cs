using EdgeGateway.Storage;

namespace EdgeGateway.Service.Tests.Storage;

public sealed class SeqRangesTests
{
    [Fact]
    public void Adds_and_removes_in_any_order_agree_with_a_plain_set()
    {
        var random = new Random(17);
        var ranges = new SeqRanges();
        var plain = new HashSet<long>();
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly ascending with gaps, repeats and removals, as devices' seqs and the pruning make them.
            var seq = i % 3 == 0 ? random.Next(0, 400) : (i / 10) + random.Next(-3, 4);
            if (random.Next(5) == 0) Assert.Equal(plain.Remove(seq), ranges.Remove(seq));
            else Assert.Equal(plain.Add(seq), ranges.Add(seq));
            var probe = random.Next(-2, 2100);
            Assert.Equal(plain.Contains(probe), ranges.Contains(probe));
        }
        for (long s = -2; s < 2100; s++) Assert.Equal(plain.Contains(s), ranges.Contains(s));
        Assert.Equal(plain.Count == 0, ranges.IsEmpty);
    }

    [Fact]
    public void The_ends_of_the_seq_range_do_not_overflow()
    {
        var ranges = new SeqRanges();
        Assert.True(ranges.Add(long.MaxValue));
        Assert.True(ranges.Add(long.MinValue));
        Assert.True(ranges.Add(long.MaxValue - 1));
        Assert.False(ranges.Add(long.MaxValue));
        Assert.True(ranges.Remove(long.MaxValue));
        Assert.True(ranges.Contains(long.MaxValue - 1));
        Assert.True(ranges.Contains(long.MinValue));
        Assert.False(ranges.Contains(0));
    }
}
