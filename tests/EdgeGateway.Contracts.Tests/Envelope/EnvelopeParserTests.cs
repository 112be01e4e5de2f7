using System.Text;
using CsCheck;
using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts.Tests.Envelope;

public sealed class EnvelopeParserTests
{
    private const string Good = """{"v":1,"dev":"pb-0042","boot":17,"seq":1234,"type":"panic","ts":1763900000123,"sync":true,"data":{"battery":87}}""";

    private static EnvelopeParseResult Parse(string json, string topicDevice = "pb-0042") =>
        EnvelopeParser.Parse(Encoding.UTF8.GetBytes(json), topicDevice);

    [Fact]
    public void The_spec_example_parses_to_its_fields()
    {
        var r = Parse(Good);
        Assert.True(r.IsValid, r.Detail);
        var e = r.Envelope!;
        Assert.Equal(("pb-0042", 17L, 1234L, "panic", 1763900000123L, true), (e.Dev, e.Boot, e.Seq, e.Type, e.Ts, e.Sync));
        Assert.Equal("""{"battery":87}""", e.Data);
        Assert.Equal("pb-0042:17:1234", e.Id.ToString());
        Assert.Equal(PriorityClass.P0, e.Priority);
    }

    [Theory]
    [InlineData("not json at all", EnvelopeError.NotJson)]
    [InlineData("", EnvelopeError.NotJson)]
    [InlineData("[1,2]", EnvelopeError.NotAnObject)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"panic"}""", EnvelopeError.MissingField)]
    [InlineData("""{"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.MissingField)]
    [InlineData("""{"v":2,"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.UnknownVersion)]
    [InlineData("""{"v":1,"dev":"pb-9999","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.DeviceMismatch)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"selfdestruct","ts":1}""", EnvelopeError.UnknownType)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"device_offline","ts":1}""", EnvelopeError.UnknownType)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":0,"type":"panic","ts":1}""", EnvelopeError.BadField)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":"1","seq":1,"type":"panic","ts":1}""", EnvelopeError.BadField)]
    [InlineData("""{"v":1,"dev":"pb-0042","dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.BadField)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1,"data":[]}""", EnvelopeError.BadField)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1.5}""", EnvelopeError.BadField)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1}{}""", EnvelopeError.NotJson)]
    [InlineData("""{"v":1,"dev":"pb-0042","boot":1,"seq":1,"type":"panic","ts":1""", EnvelopeError.NotJson)]
    public void A_bad_envelope_is_refused_with_its_reason(string json, EnvelopeError expected)
    {
        var r = Parse(json);
        Assert.False(r.IsValid);
        Assert.Equal(expected, r.Error);
        Assert.Null(r.Envelope);
    }

    [Fact]
    public void An_oversize_envelope_is_refused()
    {
        var json = Good.Replace("\"battery\":87", "\"pad\":\"" + new string('x', 1100) + "\"", StringComparison.Ordinal);
        Assert.Equal(EnvelopeError.Oversize, Parse(json).Error);
    }

    [Fact]
    public void Invalid_utf8_is_refused_not_thrown()
    {
        var bytes = Encoding.UTF8.GetBytes(Good);
        bytes[12] = 0xFF;
        var r = EnvelopeParser.Parse(bytes, "pb-0042");
        Assert.False(r.IsValid);
    }

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        Gen.Byte.Array[0, 1200].Sample(bytes =>
        {
            var r = EnvelopeParser.Parse(bytes, "pb-0042");
            Assert.Equal(r.Envelope is not null, r.IsValid);
        }, iter: 5000);
    }

    [Fact]
    public void Mutated_good_envelopes_never_throw()
    {
        var good = Encoding.UTF8.GetBytes(Good);
        Gen.Int[0, good.Length - 1].Select(Gen.Byte).Array[1, 8].Sample(edits =>
        {
            var copy = (byte[])good.Clone();
            foreach (var (at, value) in edits) copy[at] = value;
            _ = EnvelopeParser.Parse(copy, "pb-0042");
        }, iter: 5000);
    }
}
