using System.Net;
using System.Text.Json;
using EdgeGateway.Console.Hosting;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Tests.Api;

/// <summary>
/// Every GET route of the API, read from the console's own route table (so a new route is in without editing this
/// test), answers a signed-in admin 200 with JSON that parses. This project runs with reflection JSON off, as the
/// NativeAOT build does: an answer whose type is missing from the console's source-generated context fails here.
/// </summary>
public sealed class JsonRoutesTests : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>The routes that answer something other than JSON: the alarm stream's events carry JSON in their data lines.</summary>
    private static readonly Dictionary<string, string> NotJson = new(StringComparer.Ordinal)
    {
        ["/api/v1/alarms/stream"] = "text/event-stream",
        ["/api/v1/history.csv"] = "text/csv",
    };

    private readonly ConsoleHarness _console;
    private readonly ConsoleSession _admin;

    public JsonRoutesTests(ApiFixture fixture)
    {
        _console = fixture.Console;
        _admin = fixture.Admin;
    }

    [Fact]
    public async Task Every_GET_route_answers_a_signed_in_admin_200_with_json()
    {
        await using var device = new VirtualPanicButton(new MqttLinkOptions { Port = _console.Gateway.Port, DeviceId = "pb-0100" }, boot: 1);
        await device.ConnectAsync(CancellationToken.None);
        var alarm = device.Press();
        await AckApiTests.AlarmAsync(_admin, alarm);
        var withValues = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/api/v1/alarms/{id}"] = "/api/v1/alarms/" + alarm,
            ["/api/v1/devices/{id}"] = "/api/v1/devices/pb-0100",
        };

        var routes = GetRoutes();
        Assert.Contains("/api/v1/operators", routes);
        Assert.Contains("/healthz", routes);
        foreach (var route in routes)
        {
            var path = route.Contains('{', StringComparison.Ordinal) ? withValues.GetValueOrDefault(route) : route;
            Assert.True(path is not null, $"{route} has a parameter this test has no value for: add one to the table");
            await AssertAnswersAsync(route, path!);
        }
    }

    [Fact]
    public async Task The_answers_that_were_anonymous_types_keep_their_names_and_values()
    {
        Assert.Equal("""{"status":"alive"}""", await BodyAsync(HttpMethod.Get, "/healthz"));
        Assert.Equal("""{"name":"boss","role":"admin"}""", await BodyAsync(HttpMethod.Get, "/api/v1/me"));
        Assert.Equal("""{"id":"pb-0101","label":"Flat 3"}""", await BodyAsync(HttpMethod.Put, "/api/v1/devices/pb-0101/label", new { label = "Flat 3" }));
        Assert.Equal("""{"id":"pb-0101","label":null}""", await BodyAsync(HttpMethod.Put, "/api/v1/devices/pb-0101/label", new { label = (string?)null }));
        Assert.Equal("""{"id":"pb-0101","revoked":true}""", await BodyAsync(HttpMethod.Post, "/api/v1/devices/pb-0101/revoke"));
        Assert.StartsWith("""{"status":"ready","checks":{""", await BodyAsync(HttpMethod.Get, "/readyz"), StringComparison.Ordinal);
        Assert.Matches("""^\{"items":\[.*\],"next":(null|[0-9]+)\}$""", await BodyAsync(HttpMethod.Get, "/api/v1/history?limit=1"));

        using var operators = JsonDocument.Parse(await BodyAsync(HttpMethod.Get, "/api/v1/operators"));
        var boss = operators.RootElement.EnumerateArray().Single(o => o.GetProperty("name").GetString() == "boss");
        Assert.Equal(["name", "role", "created", "hasToken"], boss.EnumerateObject().Select(p => p.Name));
        Assert.Equal("admin", boss.GetProperty("role").GetString());
        Assert.True(boss.GetProperty("created").GetInt64() > 0);
        Assert.False(boss.GetProperty("hasToken").GetBoolean());
    }

    private async Task<string> BodyAsync(HttpMethod method, string path, object? json = null)
    {
        using var response = await _admin.SendAsync(method, path, json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private List<string> GetRoutes() =>
        _console.Gateway.Services.GetRequiredService<WardConsoleServer>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) || r is "/healthz" or "/readyz")
            .ToList();

    private async Task AssertAnswersAsync(string route, string path)
    {
        using var response = await _admin.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var type = response.Content.Headers.ContentType?.MediaType;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {type}");
        Assert.Equal(NotJson.GetValueOrDefault(route, "application/json"), type);
        if (type == "text/event-stream")
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(Wait);
            string? line;
            while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal)) { }
            Assert.True(line is not null, $"GET {path}: the stream ended before its first event");
            using var _ = JsonDocument.Parse(line["data: ".Length..]);
        }
        else if (type == "application/json")
        {
            using var _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }
}
