using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Contracts.Commands;

namespace EdgeGateway.Contracts.Tests.Commands;

public sealed class JsonStringTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("control \n\r\t\u0001 chars")]
    [InlineData("<script>&'html'</script>")]
    [InlineData("umlaut ä, emoji 🚨, zero-width \u200b")]
    public void Quotes_a_string_exactly_as_the_serializer_does(string value) =>
        Assert.Equal(JsonSerializer.Serialize(value, StringJsonContext.Default.String), JsonString.Quote(value));

    [Fact]
    public void A_quoted_string_reads_back_as_itself()
    {
        const string value = "pb-1:1:7 \"ack\" by dispatcher\n7";
        Assert.Equal(value, JsonSerializer.Deserialize(JsonString.Quote(value), StringJsonContext.Default.String));
    }
}

/// <summary>The serializer's own handling of a string (default encoder), source-generated as every JSON path of the gateway is.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class StringJsonContext : JsonSerializerContext;
