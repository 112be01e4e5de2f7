namespace EdgeGateway.Contracts.Tests;

public sealed class TopicsTests
{
    [Fact]
    public void Device_topics_follow_the_spec()
    {
        Assert.Equal("sec/v1/pb-1/evt", Topics.Evt("pb-1"));
        Assert.Equal("sec/v1/pb-1/state", Topics.State("pb-1"));
        Assert.Equal("sec/v1/pb-1/cmd", Topics.Cmd("pb-1"));
    }

    [Theory]
    [InlineData("sec/v1/pb-1/evt", true, "pb-1", "evt")]
    [InlineData("sec/v1/pb-1/state", true, "pb-1", "state")]
    [InlineData("sec/v2/pb-1/evt", false, "", "")]
    [InlineData("sec/v1//evt", false, "", "")]
    [InlineData("sec/v1/pb-1/evt/extra", false, "", "")]
    [InlineData("sec/v1/pb+1/evt", false, "", "")]
    [InlineData("sec/v1/pb-1", false, "", "")]
    public void Topics_parse_only_in_the_spec_shape(string topic, bool ok, string dev, string leaf)
    {
        Assert.Equal(ok, Topics.TryParse(topic, out var d, out var l));
        Assert.Equal((dev, leaf), (d, l));
    }
}
