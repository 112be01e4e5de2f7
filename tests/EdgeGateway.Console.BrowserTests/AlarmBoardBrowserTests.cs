using System.Text;
using System.Text.Json;
using EdgeGateway.Console.Tests;
using EdgeGateway.Console.Tests.Api;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Playwright;

namespace EdgeGateway.Console.BrowserTests;

/// <summary>The console in a real headless Chromium, against the real gateway with virtual devices and a real upstream Mosquitto.</summary>
[Collection(ChromiumGroup.Name)]
public sealed class AlarmBoardBrowserTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly BrowserFixture _chromium;

    public AlarmBoardBrowserTests(BrowserFixture chromium)
    {
        _chromium = chromium;
    }

    internal static async Task LoginAsync(IPage page, string url, string name, string password)
    {
        await page.GotoAsync(url + "/login");
        await page.FillAsync("input[name=name]", name);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
    }

    [Fact]
    public async Task A_press_appears_live_and_Acknowledge_lights_the_led_and_sends_alarm_ack_upstream()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync();
        await using var cloud = await UpstreamSubscriber.ConnectAsync(mosquitto.Host, mosquitto.Port, "edge/gw-ward/#");
        await using var console = await ConsoleHarness.StartAsync(AckApiTests.MqttCloud(mosquitto, "gw-ward"));
        var now = DateTimeOffset.UtcNow;
        console.Gateway.Registry.Add("pb-0042", "panic-button", "north-ward", null, "0123456789abcdef-secret", now);
        console.Gateway.Registry.SetLabel("pb-0042", "Flat 12, 2nd floor, Mrs. Dlamini");
        console.Gateway.Registry.Add("pb-0017", "panic-button", "north-ward", null, "0123456789abcdef-secret", now);
        console.Gateway.Registry.SetLabel("pb-0017", "Community hall, side door");
        var password = console.AddOperator("sipho", OperatorRole.Operator);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0042" }, boot: 7);
        await using var other = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0017" }, boot: 2);
        await device.ConnectAsync(CancellationToken.None);
        await other.ConnectAsync(CancellationToken.None);

        var page = await _chromium.NewPageAsync();
        await LoginAsync(page, console.Url, "sipho", password);
        await page.WaitForURLAsync(console.Url + "/");
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var first = other.Press();
        await Assertions.Expect(page.Locator($"li.alarm[data-id='{first}']")).ToBeVisibleAsync(new() { Timeout = 5000 });
        var id = device.Press();
        var alarm = page.Locator($"li.alarm[data-id='{id}']");
        await Assertions.Expect(alarm).ToBeVisibleAsync(new() { Timeout = 5000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        await Assertions.Expect(alarm.Locator(".label")).ToHaveTextAsync("Flat 12, 2nd floor, Mrs. Dlamini");
        await Assertions.Expect(alarm).ToHaveAttributeAsync("data-state", "new");
        Assert.StartsWith("(2) ALARM", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("2", await page.EvaluateAsync<string>("() => document.body.dataset.cues"));

        var answer = await page.RunAndWaitForResponseAsync(() => alarm.Locator("button.ack").ClickAsync(), r => r.Url.EndsWith("/ack", StringComparison.Ordinal));
        Assert.True(answer.Status == 200, $"ack answered {answer.Status}: {await answer.TextAsync()}");
        await Assertions.Expect(alarm).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 10000 });
        await Eventually.TrueAsync(() => device.Led.Current == LedState.Acknowledged, Wait, "the LED of pb-0042 to show acknowledged");
        Assert.NotEqual(LedState.Acknowledged, other.Led.Current);
        var (_, upstream) = await cloud.WaitForAsync((t, p) => t.EndsWith("/alarm_ack", StringComparison.Ordinal)
            && Encoding.UTF8.GetString(p).Contains(id, StringComparison.Ordinal), Wait);
        Assert.Equal("sipho", JsonDocument.Parse(upstream).RootElement.GetProperty("evt").GetProperty("data").GetProperty("by").GetString());
        await Assertions.Expect(alarm.Locator(".ack-status")).ToContainTextAsync("sipho");
        await Assertions.Expect(alarm.Locator(".ack-status")).ToContainTextAsync("device has it");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-alarms.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_the_board_stays_closed()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("lindiwe", OperatorRole.Operator);
        var page = await _chromium.NewPageAsync();
        await LoginAsync(page, console.Url, "lindiwe", password + "-wrong");
        await Assertions.Expect(page.Locator(".error")).ToHaveTextAsync("Wrong operator name or password.");
        await page.GotoAsync(console.Url + "/");
        Assert.StartsWith(console.Url + "/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_holding_a_script_tag_is_shown_as_text_and_never_runs()
    {
        const string label = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">Flat 3";
        await using var console = await ConsoleHarness.StartAsync();
        console.Gateway.Registry.Add("pb-0666", "panic-button", "south", null, "0123456789abcdef-secret", DateTimeOffset.UtcNow);
        console.Gateway.Registry.SetLabel("pb-0666", label);
        var password = console.AddOperator("thabo", OperatorRole.Technician);
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-0666" }, boot: 1);
        await device.ConnectAsync(CancellationToken.None);
        var page = await _chromium.NewPageAsync();
        await LoginAsync(page, console.Url, "thabo", password);
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");

        var id = device.Press();
        await Assertions.Expect(page.Locator($"li.alarm[data-id='{id}'] .label")).ToHaveTextAsync(label);
        await page.GotoAsync(console.Url + "/devices");
        await Assertions.Expect(page.Locator("tr[data-id='pb-0666'] td.label")).ToHaveTextAsync(label);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "the label's markup ran");
    }

    [Fact]
    public async Task An_operator_sees_no_revoke_and_the_api_refuses_them_and_a_post_without_the_antiforgery_token_is_refused()
    {
        await using var console = await ConsoleHarness.StartAsync();
        console.Gateway.Registry.Add("pb-0300", "panic-button", "east", null, "0123456789abcdef-secret", DateTimeOffset.UtcNow);
        var password = console.AddOperator("nomsa", OperatorRole.Operator);
        var page = await _chromium.NewPageAsync();
        await LoginAsync(page, console.Url, "nomsa", password);
        await page.WaitForURLAsync(console.Url + "/");
        await page.GotoAsync(console.Url + "/devices");
        await Assertions.Expect(page.Locator("tr[data-id='pb-0300']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("button.danger").CountAsync());

        var withToken = await page.EvaluateAsync<int>("""
            async () => (await fetch('/api/v1/devices/pb-0300/revoke', { method: 'POST',
              headers: { 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf]').content } })).status
            """);
        Assert.Equal(403, withToken);
        var withoutToken = await page.EvaluateAsync<int>("async () => (await fetch('/api/v1/alarms/pb-0300:1:1/ack', { method: 'POST' })).status");
        Assert.Equal(400, withoutToken);
        Assert.Equal(Registry.DeviceState.Active, console.Gateway.Registry.Find("pb-0300")!.State);
    }
}
