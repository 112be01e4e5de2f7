namespace EdgeGateway.Console.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class ChromiumGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "chromium";
}
