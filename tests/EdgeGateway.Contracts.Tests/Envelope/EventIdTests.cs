using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts.Tests.Envelope;

public sealed class EventIdTests
{
    [Fact]
    public void An_id_round_trips_through_text()
    {
        var id = new EventId("pb-0042", 17, 1234);
        Assert.Equal("pb-0042:17:1234", id.ToString());
        Assert.True(EventId.TryParse(id.ToString(), out var back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pb-1")]
    [InlineData("pb-1:2")]
    [InlineData(":1:2")]
    [InlineData("pb/1:1:2")]
    [InlineData("pb-1:x:2")]
    [InlineData("pb-1:1:-2")]
    public void Malformed_ids_do_not_parse(string text) => Assert.False(EventId.TryParse(text, out _));
}
