using System.Net;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Operators;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Console.Tests.Api;

/// <summary><c>Console:History:Enabled=false</c>: no journal, no history.db; the console still runs and its history API says why it has nothing.</summary>
public sealed class HistoryDisabledApiTests
{
    [Fact]
    public async Task With_the_history_off_nothing_is_journaled_and_the_history_api_answers_503_naming_the_setting()
    {
        await using var console = await ConsoleHarness.StartAsync("--Console:History:Enabled=false");
        Assert.Null(console.Gateway.Services.GetService<IEventJournal>());
        Assert.Null(console.Gateway.Services.GetService<JournalRecorder>());
        await using (var button = new VirtualPanicButton(new MqttLinkOptions { Port = console.Gateway.Port, DeviceId = "pb-h1" }, boot: 1))
        {
            await button.ConnectAsync(CancellationToken.None);
            button.Press();
            await Eventually.TrueAsync(() => console.Gateway.Metrics.StoredTotal >= 1, TimeSpan.FromSeconds(20), "the press stored");
        }

        Assert.False(File.Exists(Path.Combine(console.Gateway.DataDirectory, "history.db")));
        using var session = await console.LoginAsync("lindiwe", OperatorRole.Operator);
        foreach (var path in new[] { "/api/v1/history", "/api/v1/history.csv" })
        {
            var response = await session.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Console:History:Enabled=false", (await ConsoleSession.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
