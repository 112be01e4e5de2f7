using Microsoft.Playwright;

namespace EdgeGateway.Console.BrowserTests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by test.sh) driven by Playwright, headless, one browser for
/// the browser tests; each test opens its own context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
