using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>Every route's errors as problem details: 400 naming the field, 404, 401 without a login, 403 for a role too low.</summary>
public sealed class ApiErrorTests : IClassFixture<ApiFixture>
{
    private readonly ConsoleHarness _console;
    private readonly ConsoleSession _operator;
    private readonly ConsoleSession _technician;
    private readonly ConsoleSession _admin;

    public ApiErrorTests(ApiFixture fixture)
    {
        _console = fixture.Console;
        _operator = fixture.Operator;
        _technician = fixture.Technician;
        _admin = fixture.Admin;
    }

    private static async Task<(HttpStatusCode Status, string? Field, string Detail, string Type)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await ConsoleSession.JsonAsync(response);
        return (response.StatusCode, body.TryGetProperty("field", out var f) ? f.GetString() : null, body.GetProperty("detail").GetString()!,
            response.Content.Headers.ContentType?.MediaType ?? "");
    }

    [Theory]
    [InlineData("GET", "/api/v1/alarms")]
    [InlineData("GET", "/api/v1/alarms/pb-1:1:1")]
    [InlineData("POST", "/api/v1/alarms/pb-1:1:1/ack")]
    [InlineData("GET", "/api/v1/devices")]
    [InlineData("GET", "/api/v1/devices/pb-0100")]
    [InlineData("POST", "/api/v1/devices/pb-0100/revoke")]
    [InlineData("PUT", "/api/v1/devices/pb-0100/label")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("GET", "/api/v1/operators")]
    [InlineData("GET", "/api/v1/audit")]
    [InlineData("GET", "/api/v1/buffer")]
    [InlineData("GET", "/api/v1/history")]
    [InlineData("GET", "/api/v1/history.csv")]
    public async Task Every_api_route_answers_401_problem_without_a_login(string method, string path)
    {
        using var anonymous = new ConsoleSession(_console.Url);
        var (status, _, _, type) = await ProblemAsync(await anonymous.SendAsync(new HttpMethod(method), path, withCsrf: false));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task A_bad_alarm_id_is_400_naming_id_and_an_unknown_one_404()
    {
        var bad = await ProblemAsync(await _operator.SendAsync(HttpMethod.Post, "/api/v1/alarms/not-an-id/ack"));
        Assert.Equal((HttpStatusCode.BadRequest, "id"), (bad.Status, bad.Field));
        Assert.Contains("is not an event id", bad.Detail, StringComparison.Ordinal);
        var unknown = await ProblemAsync(await _operator.SendAsync(HttpMethod.Post, "/api/v1/alarms/pb-0100:1:99/ack"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("never reached this gateway", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.Http.GetAsync(new Uri("/api/v1/alarms/pb-0100:1:99", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.Http.GetAsync(new Uri("/api/v1/devices/pb-nope", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.Http.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_not_revoke_or_label_or_read_the_audit_log_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await _operator.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0100/revoke"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await _operator.SendAsync(HttpMethod.Put, "/api/v1/devices/pb-0100/label", new { label = "x" }))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await _technician.SendAsync(HttpMethod.Get, "/api/v1/audit"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ProblemAsync(await _operator.SendAsync(HttpMethod.Get, "/api/v1/operators"))).Status);
        Assert.False(_console.Gateway.Registry.Find("pb-0100")!.State == Registry.DeviceState.Revoked);
    }

    [Fact]
    public async Task A_state_change_without_the_antiforgery_token_is_refused_400()
    {
        var problem = await ProblemAsync(await _technician.SendAsync(HttpMethod.Post, "/api/v1/devices/pb-0100/revoke", withCsrf: false));
        Assert.Equal((HttpStatusCode.BadRequest, "X-CSRF-TOKEN"), (problem.Status, problem.Field));
        Assert.Equal(Registry.DeviceState.Active, _console.Gateway.Registry.Find("pb-0100")!.State);
    }

    [Fact]
    public async Task A_bad_label_body_is_400_naming_the_field_and_a_good_one_is_stored_and_audited()
    {
        async Task<(HttpStatusCode, string?)> Put(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/v1/devices/pb-0100/label", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-CSRF-TOKEN", _technician.Csrf);
            var p = await ProblemAsync(await _technician.Http.SendAsync(request));
            return (p.Status, p.Field);
        }
        Assert.Equal((HttpStatusCode.BadRequest, "body"), await Put("{not json"));
        Assert.Equal((HttpStatusCode.BadRequest, "body"), await Put("[1]"));
        Assert.Equal((HttpStatusCode.BadRequest, "label"), await Put("{}"));
        Assert.Equal((HttpStatusCode.BadRequest, "label"), await Put("{\"label\":42}"));
        Assert.Equal((HttpStatusCode.BadRequest, "label"), await Put("{\"label\":\"" + new string('x', 121) + "\"}"));
        var unknown = await _technician.SendAsync(HttpMethod.Put, "/api/v1/devices/pb-nope/label", new { label = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var ok = await _technician.SendAsync(HttpMethod.Put, "/api/v1/devices/pb-0100/label", new { label = "Flat 12, 2nd floor" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var device = await ConsoleSession.JsonAsync(await _operator.Http.GetAsync(new Uri("/api/v1/devices/pb-0100", UriKind.Relative)));
        Assert.Equal("Flat 12, 2nd floor", device.GetProperty("label").GetString());
        var audit = await ConsoleSession.JsonAsync(await _admin.Http.GetAsync(new Uri("/api/v1/audit?max=10", UriKind.Relative)));
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "label" && e.GetProperty("operator").GetString() == "tech");
        var bad = await ProblemAsync(await _admin.Http.GetAsync(new Uri("/api/v1/audit?max=lots", UriKind.Relative)));
        Assert.Equal((HttpStatusCode.BadRequest, "max"), (bad.Status, bad.Field));
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-45T99:00:00Z", "to")]
    [InlineData("from=2026-12-06T10:00:00Z&to=2026-12-06T09:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("before=-3", "before")]
    [InlineData("type=explosion", "type")]
    [InlineData("device=pb%20%3Cscript%3E", "device")]
    public async Task A_bad_history_filter_is_400_naming_it_for_the_page_and_the_csv(string query, string field)
    {
        foreach (var route in new[] { "/api/v1/history?", "/api/v1/history.csv?" })
        {
            var problem = await ProblemAsync(await _operator.Http.GetAsync(new Uri(route + query, UriKind.Relative)));
            Assert.Equal((HttpStatusCode.BadRequest, field, "application/problem+json"), (problem.Status, problem.Field, problem.Type));
        }
        var good = await _operator.Http.GetAsync(new Uri("/api/v1/history?from=2026-12-06T10:00:00Z&to=1893456000000&limit=500&type=panic", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task A_technician_revokes_and_an_api_token_works_without_a_session_or_antiforgery_token()
    {
        var token = _console.Operators.IssueToken("tech");
        using var script = new HttpClient { BaseAddress = new Uri(_console.Url) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var revoke = await script.PostAsync(new Uri("/api/v1/devices/pb-0101/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(Registry.DeviceState.Revoked, _console.Gateway.Registry.Find("pb-0101")!.State);
        var missing = await script.PostAsync(new Uri("/api/v1/devices/pb-nope/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Health_and_readiness_need_no_login()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_console.Url) };
        var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var ready = await ConsoleSession.JsonAsync(await anonymous.GetAsync(new Uri("/readyz", UriKind.Relative)));
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("broker").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("buffer").GetString());
    }
}
