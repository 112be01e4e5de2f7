using System.Diagnostics;
using System.Net;
using EdgeGateway.Core.Operators;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Console.Tests.Auth;

/// <summary>The login form, the session cookie, and failed logins that slow down without ever locking out.</summary>
public sealed class LoginTests
{
    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_opens_a_session()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("olga", OperatorRole.Operator, OperatorPasswords.Iterations);
        using var session = new ConsoleSession(console.Url);

        var wrong = await session.LoginAsync("olga", password + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Wrong operator name or password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);

        var right = await session.LoginAsync("olga", password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("egw_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await ConsoleSession.JsonAsync(await session.Http.GetAsync(new Uri("/api/v1/me", UriKind.Relative)));
        Assert.Equal("olga", me.GetProperty("name").GetString());
        Assert.Equal("operator", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_unknown_name_is_refused_like_a_wrong_password()
    {
        await using var console = await ConsoleHarness.StartAsync();
        using var session = new ConsoleSession(console.Url);
        var response = await session.LoginAsync("nobody", "whatever-password");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong operator name or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_logins_are_slowed_more_each_time_but_the_correct_password_still_gets_in()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("duty", OperatorRole.Operator);
        using var session = new ConsoleSession(console.Url);
        var took = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Unauthorized, (await session.LoginAsync("duty", "guess-" + i)).StatusCode);
            took.Add(watch.Elapsed);
        }
        // The 2nd attempt waits 0.25 s, the 3rd 0.5 s, the 4th 1 s.
        Assert.True(took[3] >= TimeSpan.FromSeconds(0.95), $"4th failed attempt took {took[3]}");
        Assert.True(took[2] >= TimeSpan.FromSeconds(0.45), $"3rd failed attempt took {took[2]}");

        var watchRight = Stopwatch.StartNew();
        var right = await session.LoginAsync("duty", password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.True(watchRight.Elapsed < TimeSpan.FromSeconds(15), $"the correct password took {watchRight.Elapsed}");
    }

    [Fact]
    public async Task Removing_an_operator_or_changing_their_password_ends_their_session()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("temp", OperatorRole.Operator);
        var other = console.AddOperator("keep", OperatorRole.Operator);
        using var first = new ConsoleSession(console.Url);
        using var second = new ConsoleSession(console.Url);
        await first.LoginOrFailAsync("temp", password);
        await second.LoginOrFailAsync("keep", other);
        Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);

        console.Operators.Remove("temp");
        console.Operators.SetPassword("keep", OperatorPasswords.NewPassword(), ConsoleHarness.TestIterations);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.Http.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.Http.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_login_form_without_its_antiforgery_token_is_refused()
    {
        await using var console = await ConsoleHarness.StartAsync();
        var password = console.AddOperator("anna", OperatorRole.Operator);
        using var http = new HttpClient { BaseAddress = new Uri(console.Url) };
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "anna", ["password"] = password });
        var response = await http.PostAsync(new Uri("/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("egw_session=", StringComparison.Ordinal)));
    }
}
