using System.Net;
using System.Text.Json;
using EdgeGateway.Core.Operators;
using EdgeGateway.Patrols.Reports;
using EdgeGateway.Patrols.Storage;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Tests.Api;

/// <summary><c>/api/v1/patrols/rounds</c> and <c>/api/v1/patrols/active</c> on a <c>patrols.db</c> the round engine walked.</summary>
public sealed class PatrolApiTests : IClassFixture<PatrolApiFixture>
{
    private readonly ConsoleHarness _console;
    private readonly ConsoleSession _operator;

    public PatrolApiTests(PatrolApiFixture fixture)
    {
        _console = fixture.Console;
        _operator = fixture.Operator;
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        var response = await _operator.Http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rounds_answers_the_same_json_as_the_cli_report_and_filters_by_team()
    {
        var from = PatrolSeed.Now.AddHours(-3);
        var to = PatrolSeed.Now.AddMinutes(1);
        var (status, body) = await GetAsync($"/api/v1/patrols/rounds?from={Iso(from)}&to={Iso(to)}");
        Assert.Equal(HttpStatusCode.OK, status);
        // What `edgegw patrol report --format json` prints for the same range, from the same patrols.db.
        var cli = new PatrolReports(PatrolDatabase.Open(_console.Gateway.DataDirectory)).ToJson(from, to, null);
        Assert.Equal(cli, body);

        var rounds = JsonDocument.Parse(body).RootElement.GetProperty("rounds");
        Assert.Equal(2, rounds.GetArrayLength());
        var south = rounds[0];
        Assert.Equal("south", south.GetProperty("team").GetString());
        Assert.True(south.GetProperty("completed").GetBoolean());
        Assert.Equal((0, 1, 1), (south.GetProperty("on_time").GetInt32(), south.GetProperty("late").GetInt32(), south.GetProperty("missed").GetInt32()));
        Assert.Equal(180, south.GetProperty("stops")[0].GetProperty("delay_seconds").GetInt64());
        Assert.Equal("Lindiwe K.", south.GetProperty("walked_by")[0].GetString());
        Assert.Equal(PatrolSeed.Unknown, south.GetProperty("flagged")[0].GetProperty("card").GetString());
        Assert.Equal("unknown_card", south.GetProperty("flagged")[0].GetProperty("flags")[0].GetString());
        Assert.False(rounds[1].GetProperty("completed").GetBoolean());

        (status, body) = await GetAsync($"/api/v1/patrols/rounds?from={Iso(from)}&to={Iso(to)}&team=north");
        Assert.Equal(HttpStatusCode.OK, status);
        var north = JsonDocument.Parse(body).RootElement.GetProperty("rounds");
        Assert.Equal("north", Assert.Single(north.EnumerateArray()).GetProperty("team").GetString());

        // Without a range: the last 24 h, like the CLI.
        (status, body) = await GetAsync("/api/v1/patrols/rounds");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("rounds").GetArrayLength());
    }

    [Fact]
    public async Task Active_lists_the_round_being_walked_with_each_checkpoint_and_the_recent_missed_and_late()
    {
        var (status, body) = await GetAsync("/api/v1/patrols/active");
        Assert.Equal(HttpStatusCode.OK, status);
        var active = JsonDocument.Parse(body).RootElement;
        var round = Assert.Single(active.GetProperty("in_progress").EnumerateArray());
        Assert.Equal("north", round.GetProperty("team").GetString());
        var stops = round.GetProperty("stops");
        Assert.Equal("on_time", stops[0].GetProperty("verdict").GetString());
        Assert.Equal("Thabo M.", stops[0].GetProperty("member").GetString());
        Assert.Equal(JsonValueKind.Null, stops[1].GetProperty("verdict").ValueKind);

        var alerts = active.GetProperty("missed_and_late").EnumerateArray().Select(a => (a.GetProperty("checkpoint").GetString(), a.GetProperty("verdict").GetString(),
            a.GetProperty("team").GetString())).ToList();
        Assert.Equal([("cp-2", "missed", "south"), ("cp-1", "late", "south")], alerts);
    }

    [Theory]
    [InlineData("/api/v1/patrols/rounds?from=yesterday", "from")]
    [InlineData("/api/v1/patrols/rounds?to=2026-13-45", "to")]
    [InlineData("/api/v1/patrols/rounds?from=2026-03-02T00:00Z&to=2026-03-01T00:00Z", "to")]
    [InlineData("/api/v1/patrols/rounds?from=2026-01-01T00:00Z&to=2026-03-01T00:00Z", "to")]
    [InlineData("/api/v1/patrols/rounds?team=north%20east", "team")]
    [InlineData("/api/v1/patrols/rounds?tema=north", "tema")]
    [InlineData("/api/v1/patrols/active?since=2026-03-01", "since")]
    public async Task A_bad_query_is_400_naming_the_field(string path, string field)
    {
        var response = await _operator.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await ConsoleSession.JsonAsync(response)).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("/api/v1/patrols/rounds")]
    [InlineData("/api/v1/patrols/active")]
    [InlineData("/patrols")]
    public async Task Without_a_login_the_api_is_401_and_the_page_sends_to_the_login(string path)
    {
        using var anonymous = new ConsoleSession(_console.Url);
        var response = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative));
        if (path.StartsWith("/api", StringComparison.Ordinal)) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        else Assert.Equal("/login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task With_patrols_disabled_both_routes_say_so_with_503()
    {
        await using var console = await ConsoleHarness.StartAsync("--Patrols:Enabled=false");
        Assert.Null(console.Gateway.Services.GetService<Core.Patrols.IPatrolReports>());
        using var session = await console.LoginAsync("ayanda", OperatorRole.Operator);
        foreach (var path in new[] { "/api/v1/patrols/rounds", "/api/v1/patrols/active" })
        {
            var response = await session.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Patrols:Enabled=false", (await ConsoleSession.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
