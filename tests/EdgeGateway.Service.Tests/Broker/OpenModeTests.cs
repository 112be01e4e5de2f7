using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>Broker:RequireAuth defaults to true: an anonymous client is refused by the gateway as shipped; false opens it (tests, lab) with a warning.</summary>
public sealed class OpenModeTests
{
    private static async Task<MqttClientConnectResultCode> ConnectAnonymouslyAsync(int port)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var r = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("pb-anon")
            .WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10)).Build());
        return r.ResultCode;
    }

    [Fact]
    public async Task Authentication_is_on_by_default_and_an_anonymous_device_is_refused()
    {
        var dir = new TempDir("default-auth");
        try
        {
            // No RequireAuth flag at all: the shipped default applies.
            using var host = EdgeGateway.Service.Hosting.GatewayHost.Build(["--Broker:Port=0", "--Gateway:DataDirectory=" + dir.Path, "--Uplink:File:Path=" + dir.File("u.jsonl")]);
            await host.StartAsync();
            var port = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<EdgeGateway.Broker.MqttBrokerService>(host.Services).Port;
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAnonymouslyAsync(port));
            await host.StopAsync();
        }
        finally
        {
            dir.Dispose();
        }
    }

    [Fact]
    public async Task Open_mode_accepts_anonymous_clients_and_warns()
    {
        await using var gw = await InProcessGateway.StartAsync();
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAnonymouslyAsync(gw.Port));
        Assert.Contains("device authentication is OFF", gw.Logs.AllText, StringComparison.Ordinal);
    }
}
