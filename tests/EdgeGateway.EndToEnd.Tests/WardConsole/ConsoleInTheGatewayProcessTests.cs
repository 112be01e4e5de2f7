using System.Net;
using System.Text.Json;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.EndToEnd.Tests.WardConsole;

/// <summary>
/// The ward console as the duty officer meets it: served by the gateway process itself (the NativeAOT release when
/// <c>EDGEGW_TEST_GATEWAY_EXE</c> names it, as ./test.sh does), logged into with the form, a real panic on the board,
/// acknowledged to the device's LED, and every page and API route answering. In the AOT build each route's JSON,
/// the login's cookies and anti-forgery, and the alarm stream run compiled ahead of time; this is where a type left
/// out of a source-generated JSON context, or code that needs reflection, would show.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class ConsoleInTheGatewayProcessTests
{
    private const string Admin = "duty-admin";
    private const string Password = "correct horse battery 7";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_duty_officer_logs_in_sees_a_panic_acks_it_to_the_led_and_every_route_answers()
    {
        using var data = new TempDir("console-process");
        new OperatorStore(data.Path).Add(Admin, OperatorRole.Admin, Password);
        var consolePort = FreePort.Next();
        await using var gateway = await GatewayProcess.StartAsync(data.Path, $"--Console:Url=http://127.0.0.1:{consolePort}");
        await FreePort.WaitListeningAsync(consolePort, Wait, () => "gateway log: " + gateway.Log);
        using var session = new ConsoleSession($"http://127.0.0.1:{consolePort}");
        var http = session.Http;

        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode); // not logged in: to /login
        await session.LoginOrFailAsync(Admin, Password);

        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = gateway.Port, DeviceId = "pb-0077" }, boot: 3);
        await device.ConnectAsync(CancellationToken.None);
        var id = device.Press();
        JsonElement? alarm = null;
        await Eventually.TrueAsync(async () => (alarm = await OnBoardAsync(http, id)) is not null, Wait, "the panic on the console's board\n" + gateway.Log);
        Assert.Equal("pb-0077", alarm!.Value.GetProperty("device").GetString());

        var acked = await session.SendAsync(HttpMethod.Post, $"/api/v1/alarms/{id}/ack");
        Assert.True(acked.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"ack: {(int)acked.StatusCode} {await acked.Content.ReadAsStringAsync()}");
        Assert.Equal(Admin, (await ConsoleSession.JsonAsync(acked)).GetProperty("by").GetString());
        await AlarmLoop.Led.WaitForAsync(device, LedState.Acknowledged, Wait, "the LED to show the console's ack\n" + gateway.Log);

        foreach (var page in new[] { "/", "/devices", "/buffer", "/history", "/patrols", "/admin" })
        {
            var response = await http.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(Admin, (await GetJsonAsync(http, "/api/v1/me")).GetProperty("name").GetString());
        Assert.Equal("acknowledged", (await GetJsonAsync(http, $"/api/v1/alarms/{id}")).GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync(http, "/api/v1/alarms")).ValueKind);
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync(http, "/api/v1/devices")).GetProperty("items").ValueKind);
        Assert.Equal(JsonValueKind.Object, (await GetJsonAsync(http, "/api/v1/buffer")).ValueKind);
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync(http, "/api/v1/history")).GetProperty("items").ValueKind);
        Assert.Equal(JsonValueKind.Array, (await GetJsonAsync(http, "/api/v1/operators")).ValueKind);
        Assert.Contains((await GetJsonAsync(http, "/api/v1/audit")).EnumerateArray(), e => e.GetProperty("action").GetString() == "ack");
        Assert.Equal("alive", (await GetJsonAsync(http, "/healthz")).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, (await GetJsonAsync(http, "/readyz")).ValueKind);
        var missing = await http.GetAsync(new Uri("/api/v1/no-such-route", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(JsonValueKind.String, (await ConsoleSession.JsonAsync(missing)).GetProperty("detail").ValueKind);
        Assert.Contains("edgegw_", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("event: snapshot", await FirstStreamEventAsync(http), StringComparison.Ordinal);
    }

    /// <summary>The alarm <paramref name="id"/> as the board lists it, or null while it is not there.</summary>
    private static async Task<JsonElement?> OnBoardAsync(HttpClient http, string id)
    {
        foreach (var alarm in (await GetJsonAsync(http, "/api/v1/alarms")).EnumerateArray())
        {
            if (alarm.GetProperty("id").GetString() == id) return alarm;
        }
        return null;
    }

    private static async Task<string> FirstStreamEventAsync(HttpClient http)
    {
        using var cts = new CancellationTokenSource(Wait);
        using var response = await http.GetAsync(new Uri("/api/v1/alarms/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var text = "";
        while (!text.Contains("\n\n", StringComparison.Ordinal))
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("the stream ended: " + text);
            text += line + "\n";
        }
        return text;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ConsoleSession.JsonAsync(response);
    }
}
