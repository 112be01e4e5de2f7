using EdgeGateway.Console.Tests;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.PanicButton;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EdgeGateway.Console.BrowserTests;

/// <summary>The Devices page in a real headless Chromium with 2,000 registered devices and one live virtual panic button.</summary>
[Collection(ChromiumGroup.Name)]
public sealed class DevicesBrowserTests
{
    private readonly BrowserFixture _chromium;
    private readonly ITestOutputHelper _output;

    public DevicesBrowserTests(BrowserFixture chromium, ITestOutputHelper output)
    {
        _chromium = chromium;
        _output = output;
    }

    [Fact]
    public async Task A_filter_finds_one_device_among_2000_and_a_technician_sees_its_heartbeat_locates_it_and_arms_test_mode()
    {
        await using var console = await ConsoleHarness.StartAsync();
        ManyDevices.Register(console, 2000);
        console.Gateway.Registry.Add("pb-live", "panic-button", "east", null, "0123456789abcdef-secret", DateTimeOffset.UtcNow);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-live" }, MemoryFlashStore.WithNextBoot(1),
            settings: new PanicButtonSettings { HeartbeatMs = 1000 });
        device.Sensors.BatteryMillivolts = 3650;
        device.Sensors.Rssi = -71;
        await device.StartAsync(CancellationToken.None);
        var password = console.AddOperator("mpho", OperatorRole.Technician);
        var page = await _chromium.NewPageAsync();
        await AlarmBoardBrowserTests.LoginAsync(page, console.Url, "mpho", password);
        await page.WaitForURLAsync(console.Url + "/");

        await page.GotoAsync(console.Url + "/devices");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("2001 of 2001");
        // The page marks when its rows are in the DOM (performance.now() counts from the navigation's start).
        var shown = await page.EvaluateAsync<double>("() => Number(document.body.dataset.shownAt)");
        _output.WriteLine($"devices page with 2,001 devices: first 100 rows in the DOM {shown:0} ms after navigation started");
        Assert.InRange(shown, 1, 5000);
        await Assertions.Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(page.Locator("#range")).ToHaveTextAsync("1–100 of 2001");

        await page.ClickAsync("#devices th[data-key='id']");
        await Assertions.Expect(page.Locator("#devices th[data-key='id']")).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(page.Locator("#devices tbody tr").First).ToHaveAttributeAsync("data-id", "pb-live");
        await Assertions.Expect(page.Locator("#devices tbody tr").Nth(1)).ToHaveAttributeAsync("data-id", "pb-1999");
        await page.ClickAsync("#next");
        await Assertions.Expect(page.Locator("#range")).ToHaveTextAsync("101–200 of 2001");
        await Assertions.Expect(page.Locator("#devices tbody tr").First).ToHaveAttributeAsync("data-id", "pb-1900");

        await page.FillAsync("#filter", "flat 1234");
        await Assertions.Expect(page.Locator("#count")).ToHaveTextAsync("1 of 2001");
        await Assertions.Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#devices tbody tr td").First).ToHaveTextAsync("pb-1234");

        await page.FillAsync("#filter", "pb-live");
        var row = page.Locator("tr[data-id='pb-live']");
        await Assertions.Expect(page.Locator("#devices tbody tr")).ToHaveCountAsync(1);
        // The heartbeat arrives every second; the page reloads its rows on each filter change and every 30 s.
        await Eventually.TrueAsync(async () =>
        {
            await page.FillAsync("#filter", "pb-live ");
            await page.FillAsync("#filter", "pb-live");
            return await row.Locator(".battery").TextContentAsync() == "3.65 V";
        }, TimeSpan.FromSeconds(15), "pb-live's battery on the page");
        await Assertions.Expect(row.Locator(".rssi")).ToHaveTextAsync("-71 dBm");
        await Assertions.Expect(row.Locator(".firmware")).ToHaveTextAsync(VersionInfo.Firmware);
        await Assertions.Expect(row.Locator(".status")).ToHaveTextAsync("online");

        await row.Locator("button.locate").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("locate pb-live: delivered");
        await Eventually.TrueAsync(() => device.Buzzer.History.Contains(BuzzerPattern.Locate), TimeSpan.FromSeconds(10), "pb-live to beep");

        // Test mode asks for the minutes in a prompt; the device is armed.
        page.Dialog += (_, dialog) => dialog.AcceptAsync("3");
        await row.Locator("button.test-mode").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("test mode for pb-live: delivered");
        await Eventually.TrueAsync(() => device.Machine.TestModeArmed, TimeSpan.FromSeconds(10), "pb-live's test mode to be armed");
    }
}
