using System.Net;
using System.Text;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// A real virtual panic button connected to the real gateway: its heartbeats' battery, RSSI and firmware show on
/// <c>/api/v1/devices</c>; a technician's locate makes its buzzer beep and test mode arms it (both audited); an
/// operator gets 403; every error is a problem naming the reason.
/// </summary>
public sealed class DeviceActionApiTests : IClassFixture<DeviceActionFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly DeviceActionFixture _f;

    public DeviceActionApiTests(DeviceActionFixture fixture)
    {
        _f = fixture;
    }

    private static async Task<(HttpStatusCode Status, string? Field, string Detail)> ProblemAsync(HttpResponseMessage r)
    {
        var body = await ConsoleSession.JsonAsync(r);
        return (r.StatusCode, body.TryGetProperty("field", out var f) ? f.GetString() : null, body.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task Heartbeats_show_battery_rssi_firmware_and_the_last_heartbeat()
    {
        var viewer = _f.Operator;
        await Eventually.TrueAsync(async () =>
        {
            var d = await ConsoleSession.JsonAsync(await viewer.Http.GetAsync(new Uri("/api/v1/devices/pb-0500", UriKind.Relative)));
            return d.GetProperty("batteryMv").ValueKind == System.Text.Json.JsonValueKind.Number;
        }, Wait, "a heartbeat of pb-0500 to reach the device list");
        var page = await ConsoleSession.JsonAsync(await viewer.Http.GetAsync(new Uri("/api/v1/devices?q=pb-0500", UriKind.Relative)));
        var device = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(3712, device.GetProperty("batteryMv").GetInt32());
        Assert.Equal(-67, device.GetProperty("rssi").GetInt32());
        Assert.Equal(VersionInfo.Firmware, device.GetProperty("firmware").GetString());
        Assert.Equal("online", device.GetProperty("status").GetString());
        var heartbeat = DateTimeOffset.FromUnixTimeMilliseconds(device.GetProperty("lastHeartbeat").GetInt64());
        Assert.InRange(heartbeat, DateTimeOffset.UtcNow - Wait, DateTimeOffset.UtcNow);
        var silent = await ConsoleSession.JsonAsync(await viewer.Http.GetAsync(new Uri("/api/v1/devices/pb-0501", UriKind.Relative)));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, silent.GetProperty("batteryMv").ValueKind);
    }

    [Fact]
    public async Task A_technicians_locate_beeps_the_device_and_test_mode_arms_it_and_both_are_audited()
    {
        var tech = _f.Technician;
        var locate = await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0500/locate");
        Assert.True(locate.StatusCode == HttpStatusCode.OK, await locate.Content.ReadAsStringAsync());
        Assert.Equal("delivered", (await ConsoleSession.JsonAsync(locate)).GetProperty("delivery").GetString());
        await Eventually.TrueAsync(() => _f.Device.Buzzer.History.Contains(BuzzerPattern.Locate), Wait, "pb-0500 to beep its locate pattern");

        var arm = await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0500/test-mode", new { minutes = 5 });
        Assert.True(arm.StatusCode == HttpStatusCode.OK, await arm.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(() => _f.Device.Machine.TestModeArmed, Wait, "pb-0500's test mode to be armed");
        var off = await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0500/test-mode", new { minutes = 0 });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        await Eventually.TrueAsync(() => !_f.Device.Machine.TestModeArmed, Wait, "pb-0500's test mode to be disarmed");

        // An offline device gets it when it comes back: queued.
        var queued = await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0501/locate");
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("queued", (await ConsoleSession.JsonAsync(queued)).GetProperty("delivery").GetString());

        var admin = _f.Admin;
        var audit = await ConsoleSession.JsonAsync(await admin.Http.GetAsync(new Uri("/api/v1/audit?max=100", UriKind.Relative)));
        var lines = audit.EnumerateArray().Select(e => (e.GetProperty("operator").GetString(), e.GetProperty("action").GetString(), e.GetProperty("target").GetString(),
            e.GetProperty("result").GetString())).ToList();
        Assert.Contains(("tech", "locate", "pb-0500", "delivered"), lines);
        Assert.Contains(("tech", "test_mode 5 min", "pb-0500", "delivered"), lines);
        Assert.Contains(("tech", "test_mode off", "pb-0500", "delivered"), lines);
        Assert.Contains(("tech", "locate", "pb-0501", "queued"), lines);
    }

    [Fact]
    public async Task Commands_for_an_offline_device_are_queued_up_to_its_bound_then_429()
    {
        for (var i = 0; i < DeviceActionFixture.MaxQueued; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await _f.Technician.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0504/locate")).StatusCode);
        var full = await ProblemAsync(await _f.Technician.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0504/test-mode", new { minutes = 5 }));
        Assert.Equal(HttpStatusCode.TooManyRequests, full.Status);
        Assert.Contains($"{DeviceActionFixture.MaxQueued} commands already wait for pb-0504", full.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_may_not_locate_or_arm_test_mode_403_and_nothing_reaches_the_device()
    {
        var op = _f.Operator;
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await op.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0503/locate"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await op.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0503/test-mode", new { minutes = 5 }))).Status);
        using var anonymous = new ConsoleSession(_f.Console.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0503/locate", withCsrf: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0503/test-mode", withCsrf: false)).StatusCode);
        Assert.DoesNotContain(BuzzerPattern.Locate, _f.Untouched.Buzzer.History);
        Assert.False(_f.Untouched.Machine.TestModeArmed);
    }

    [Fact]
    public async Task Bad_device_commands_are_refused_with_a_problem_naming_why()
    {
        var tech = _f.Technician;
        async Task<(HttpStatusCode, string?)> Field(HttpResponseMessage r)
        {
            var p = await ProblemAsync(r);
            return (p.Status, p.Field);
        }
        async Task<HttpResponseMessage> Raw(string path, string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-CSRF-TOKEN", tech.Csrf);
            return await tech.Http.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync(await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-nope/locate"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync(await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-nope/test-mode", new { minutes = 5 }))).Status);
        var revoked = await ProblemAsync(await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0502/locate"));
        Assert.Equal(HttpStatusCode.Conflict, revoked.Status);
        Assert.Contains("revoked", revoked.Detail, StringComparison.Ordinal);
        var beacon = await ProblemAsync(await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/cb-0500/test-mode", new { minutes = 5 }));
        Assert.Equal(HttpStatusCode.Conflict, beacon.Status);
        Assert.Contains("only a panic-button has a test mode", beacon.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "minutes"), await Field(await Raw("/api/v1/devices/pb-0503/test-mode", "{\"minutes\":61}")));
        Assert.Equal((HttpStatusCode.BadRequest, "minutes"), await Field(await Raw("/api/v1/devices/pb-0503/test-mode", "{\"minutes\":\"5\"}")));
        Assert.Equal((HttpStatusCode.BadRequest, "body"), await Field(await Raw("/api/v1/devices/pb-0503/test-mode", "{nope")));
        Assert.Equal((HttpStatusCode.BadRequest, "body"), await Field(await Raw("/api/v1/devices/pb-0503/test-mode", "[5]")));
        var noToken = await ProblemAsync(await tech.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0503/locate", withCsrf: false));
        Assert.Equal((HttpStatusCode.BadRequest, "X-CSRF-TOKEN"), (noToken.Status, noToken.Field));
        Assert.DoesNotContain(BuzzerPattern.Locate, _f.Untouched.Buzzer.History);
        Assert.False(_f.Untouched.Machine.TestModeArmed);
    }
}
