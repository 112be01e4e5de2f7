using EdgeGateway.Console.Tests;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Playwright;

namespace EdgeGateway.Console.BrowserTests;

/// <summary>
/// The Patrols page in a real headless Chromium while a virtual beacon walks a short round against the real gateway on
/// the real clock (<see cref="ShortRound"/>: cp-0001 tapped on time, cp-0002 never tapped and judged missed).
/// </summary>
[Collection(ChromiumGroup.Name)]
public sealed class PatrolsBrowserTests
{
    private static readonly byte[] Card = [0x04, 0xA1, 0xB2, 0xC3];
    private readonly BrowserFixture _chromium;

    public PatrolsBrowserTests(BrowserFixture chromium)
    {
        _chromium = chromium;
    }

    [Fact]
    public async Task A_round_shows_in_progress_then_its_report_shows_the_tap_on_time_and_the_missed_checkpoint()
    {
        await using var console = await ConsoleHarness.StartAsync();
        new CardStore(PatrolDatabase.Open(console.Gateway.DataDirectory)).Enrol("04A1B2C3", "Thabo M.", "north", DateTimeOffset.UtcNow);
        var password = console.AddOperator("zanele", OperatorRole.Operator);
        await using var gate = new VirtualBeacon(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "cb-0001" }, "cp-0001", MemoryFlashStore.WithNextBoot(1));
        await gate.ConnectAsync(CancellationToken.None);
        var page = await _chromium.NewPageAsync();
        await AlarmBoardBrowserTests.LoginAsync(page, console.Url, "zanele", password);
        await page.WaitForURLAsync(console.Url + "/");

        var start = await ShortRound.ScheduleAsync(console.Gateway.DataDirectory);
        await page.GotoAsync(console.Url + "/patrols");
        await Assertions.Expect(page.Locator("#active-empty")).ToBeVisibleAsync();
        await ShortRound.UntilAsync(start.AddSeconds(1));
        gate.Tap(Card);

        var live = page.Locator("#active article.round");
        await Assertions.Expect(live.Locator("tr[data-checkpoint='cp-0001'] .state")).ToHaveTextAsync("on time", new() { Timeout = 10000 });
        await Assertions.Expect(live.Locator("tr[data-checkpoint='cp-0002'] .state")).ToHaveTextAsync("waiting");
        await Assertions.Expect(live.Locator("tr[data-checkpoint='cp-0001']")).ToContainTextAsync("Thabo M.");

        // cp-0002's window closes at +9 s and the round ends at +12 s; the page polls every 5 s.
        await Assertions.Expect(page.Locator("#alerts tr[data-checkpoint='cp-0002'] .state")).ToHaveTextAsync("missed", new() { Timeout = 20000 });
        await Assertions.Expect(page.Locator("#active-empty")).ToBeVisibleAsync(new() { Timeout = 20000 });

        await page.ClickAsync("#range button[type=submit]");
        var report = page.Locator("#reports article.round");
        await Assertions.Expect(report).ToHaveCountAsync(1);
        await Assertions.Expect(report.Locator("h3")).ToContainTextAsync("completed");
        await Assertions.Expect(report.Locator(".hint")).ToContainTextAsync("on time 1 · late 0 · missed 1 · walked by Thabo M.");
        await Assertions.Expect(report.Locator("tr[data-checkpoint='cp-0001'] .state")).ToHaveTextAsync("on time");
        await Assertions.Expect(report.Locator("tr[data-checkpoint='cp-0002'] .state")).ToHaveTextAsync("missed");
        await Assertions.Expect(report).ToHaveClassAsync("round has-missed");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-patrols.png"), FullPage = true });
    }

    [Fact]
    public async Task With_patrols_disabled_the_page_says_so()
    {
        await using var console = await ConsoleHarness.StartAsync("--Patrols:Enabled=false");
        var password = console.AddOperator("zanele", OperatorRole.Operator);
        var page = await _chromium.NewPageAsync();
        await AlarmBoardBrowserTests.LoginAsync(page, console.Url, "zanele", password);
        await page.WaitForURLAsync(console.Url + "/");
        await page.GotoAsync(console.Url + "/patrols");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("patrols are disabled on this gateway (Patrols:Enabled=false)");
        await Assertions.Expect(page.Locator("#active article.round")).ToHaveCountAsync(0);
    }
}
