using EdgeGateway.Console.Tests;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeGateway.Console.BrowserTests;

/// <summary>The Buffer &amp; uplink and History pages in a real headless Chromium, showing a press held while the uplink is down.</summary>
[Collection(ChromiumGroup.Name)]
public sealed class BufferHistoryBrowserTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly BrowserFixture _chromium;

    public BufferHistoryBrowserTests(BrowserFixture chromium)
    {
        _chromium = chromium;
    }

    [Fact]
    public async Task A_press_shows_on_the_buffer_page_as_held_P0_and_on_the_history_page()
    {
        await using var console = await ConsoleHarness.StartAsync("--Uplink:Kind=mqtt", $"--Uplink:Mqtt:Port={FreePort.Next()}");
        var password = console.AddOperator("nomsa", OperatorRole.Operator);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0311" }, boot: 5);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();

        var page = await _chromium.NewPageAsync(width: 800, height: 480); // the ward's 7-inch screen
        await AlarmBoardBrowserTests.LoginAsync(page, console.Url, "nomsa", password);
        await page.WaitForURLAsync(console.Url + "/");
        await page.ClickAsync("nav a[href='/buffer']");
        await page.WaitForURLAsync(console.Url + "/buffer");
        // The page refreshes itself: the held panic appears without a reload.
        await Assertions.Expect(page.Locator("#classes tr[data-prio='P0'] td.depth")).ToHaveTextAsync("1", new() { Timeout = 20000 });
        await Assertions.Expect(page.Locator("#uplink [data-field='kind']")).ToHaveTextAsync("mqtt");
        await Assertions.Expect(page.Locator("#uplink [data-field='lastSuccessAt']")).ToHaveTextAsync("none since start");
        await Assertions.Expect(page.Locator("#disk-text")).ToContainTextAsync("of 1024.0 MB");

        // The journal is written off the ingest path: wait until it has the press, then search for it as the officer would.
        var journal = console.Gateway.Services.GetRequiredService<IEventJournal>();
        await Eventually.TrueAsync(async () => (await journal.QueryAsync(new JournalQuery("pb-0311", null, null, null, null, 10), CancellationToken.None))
            .Items.Any(e => e.EventId == id), Wait, "the press in the journal");
        await page.ClickAsync("nav a[href='/history']");
        await page.WaitForURLAsync(console.Url + "/history");
        await page.FillAsync("#device", "pb-0311");
        await page.ClickAsync("#search button[type=submit]");
        var row = page.Locator($"#history tr[data-id='{id}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 20000 });
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("panic");
        await Assertions.Expect(page.Locator("#csv")).ToHaveAttributeAsync("href", "/api/v1/history.csv?device=pb-0311");
    }
}
