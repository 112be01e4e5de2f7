using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Cli.Tests;

/// <summary>`edgegw device revoke`, run as its own process, cuts a connected device off the running gateway.</summary>
public sealed class RevokeWhileRunningTests
{
    [Fact]
    public async Task Revoking_from_the_cli_disconnects_the_device_and_keeps_it_out()
    {
        await using var gw = await InProcessGateway.StartWithAuthAsync();
        var secret = SecretHasher.NewSecret();
        gw.Registry.Add("pb-r", "panic-button", "s", null, secret, DateTimeOffset.UtcNow);
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", gw.Port).WithClientId("pb-r").WithCredentials("pb-r", secret)
            .WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10)).Build();
        using var client = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(options)).ResultCode);
        var disconnected = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ => { disconnected.TrySetResult(true); return Task.CompletedTask; };

        var (code, output) = await Proc.EdgegwAsync("--data-dir", gw.DataDirectory, "device", "revoke", "pb-r");
        Assert.True(code == 0, output);
        await Eventually.WithinAsync(disconnected.Task, TimeSpan.FromSeconds(10), "the revoked device to be disconnected");
        using var again = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await again.ConnectAsync(options)).ResultCode);
        Assert.Contains("pb-r was revoked: disconnected", gw.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, gw.Logs.AllText + output, StringComparison.Ordinal);
    }
}
