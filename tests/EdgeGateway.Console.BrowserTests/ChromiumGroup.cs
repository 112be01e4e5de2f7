namespace EdgeGateway.Console.BrowserTests;

[CollectionDefinition(Name)]
public sealed class ChromiumGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "chromium";
}
