using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Commands;

namespace EdgeGateway.Core.Tests.Commands;

public sealed class CommandHandlerTests
{
    [Theory]
    [InlineData("this is not json", "is not JSON")]
    [InlineData("[1]", "is not a JSON object")]
    [InlineData("""{"id":"pb-1:1:1"}""", "has no \"cmd\"")]
    [InlineData("""{"cmd":"selfDestruct"}""", "unknown command 'selfDestruct'")]
    public async Task A_bad_command_gets_an_error_naming_the_problem_and_is_counted(string json, string problem)
    {
        var f = new CommandFixture();
        var reply = await f.SendAsync(json);
        Assert.False(reply.IsSuccess);
        Assert.Contains(problem, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, f.Handler.Refused);
        Assert.Empty(f.Channel.Sent);
    }

    [Fact]
    public async Task A_command_larger_than_the_bound_is_refused_before_it_is_parsed()
    {
        var f = new CommandFixture();
        var reply = await f.Handler.HandleCommandAsync(new byte[CommandHandler.MaxCommandBytes + 1], "mqtt", CancellationToken.None);
        Assert.Equal(CommandStatus.BadRequest, reply.Status);
        Assert.Contains($"at most {CommandHandler.MaxCommandBytes}", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ackAlarm_method_takes_eventId_and_acks_like_the_command()
    {
        var f = new CommandFixture();
        var alarm = await f.AlarmAsync();
        var reply = await f.Handler.InvokeMethodAsync("ackAlarm", Encoding.UTF8.GetBytes($$"""{"eventId":"{{alarm}}"}"""),
            CommandSources.IoTHubMethod, CancellationToken.None);
        Assert.Equal(CommandStatus.Ok, reply.Status);
        Assert.Equal(CommandSources.IoTHubMethod, f.Ledger.Find(alarm)!.Source);
    }

    [Fact]
    public async Task Ping_answers_pong_and_getStatus_reports_the_backlog_per_class_and_devices_online()
    {
        var f = new CommandFixture();
        await f.AlarmAsync("pb-1", 1);
        await f.AlarmAsync("pb-1", 2);
        Assert.Equal("""{"pong":true}""", (await f.SendAsync("""{"cmd":"ping"}""")).Json);

        var status = JsonDocument.Parse((await f.SendAsync("""{"cmd":"getStatus"}""")).Json).RootElement;
        Assert.Equal(2, status.GetProperty("devicesOnline").GetInt32());
        Assert.Equal(2, status.GetProperty("backlog").GetProperty("P0").GetInt64());
        Assert.Equal(0, status.GetProperty("backlog").GetProperty("P3").GetInt64());
    }

    [Fact]
    public async Task SirenTest_without_a_siren_says_so_and_with_one_sounds_it_for_the_asked_seconds()
    {
        var without = await new CommandFixture().SendAsync("""{"cmd":"sirenTest"}""");
        Assert.Equal(CommandStatus.NotImplemented, without.Status);

        var siren = new RecordingSiren();
        var f = new CommandFixture(siren);
        Assert.Equal(CommandStatus.Ok, (await f.SendAsync("""{"cmd":"sirenTest","seconds":5}""")).Status);
        Assert.Equal([TimeSpan.FromSeconds(5)], siren.Sounded);
        var tooLong = await f.SendAsync($$"""{"cmd":"sirenTest","seconds":{{CommandHandler.MaxSirenSeconds + 1}}}""");
        Assert.Equal(CommandStatus.BadRequest, tooLong.Status);
        Assert.Single(siren.Sounded);
    }

    [Fact]
    public async Task Desired_settings_change_the_windows_and_a_bad_value_is_refused_leaving_them_as_they_were()
    {
        var f = new CommandFixture();
        Assert.True(f.Handler.ApplyDesired("""{"debounce":{"panicWindowSeconds":10}}"""u8.ToArray()).IsSuccess);
        Assert.Equal(TimeSpan.FromSeconds(10), f.Settings.PanicWindow);

        var bad = f.Handler.ApplyDesired("""{"debounce":{"panicWindowSeconds":-4},"heartbeatIntervalSeconds":1}"""u8.ToArray());
        Assert.Equal(CommandStatus.BadRequest, bad.Status);
        Assert.Contains("panicWindowSeconds", bad.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("heartbeatIntervalSeconds", bad.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), f.Settings.PanicWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), f.Settings.HeartbeatInterval);
        Assert.Empty(f.Buffer.Snapshot());
    }

    private sealed class RecordingSiren : ISirenTester
    {
        public List<TimeSpan> Sounded { get; } = [];

        public Task SoundAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            Sounded.Add(duration);
            return Task.CompletedTask;
        }
    }
}
