using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Commands;
using EdgeGateway.Service.Hosting;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>The composition root wires every combination a site can configure, without a dependency circle.</summary>
public sealed class CompositionTests : IDisposable
{
    private readonly TempDir _dir = new("composition");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The panel's LEDs show the uplink's state, a cloud uplink hands commands to the command handler, and the handler
    /// sounds the panel's siren for <c>sirenTest</c>: with GPIO on and an MQTT or IoT Hub uplink that was a circle, and
    /// the gateway did not start.
    /// </summary>
    [Theory]
    [InlineData("file")]
    [InlineData("mqtt")]
    [InlineData("iothub")]
    public void With_gpio_on_every_uplink_kind_resolves_its_services_and_the_siren_answers_commands(string kind)
    {
        using var host = GatewayHost.Build(
        [
            "--Broker:Port=0", $"--Gateway:DataDirectory={_dir.Path}", "--Gpio:Enabled=true", "--Gpio:Driver=fake", $"--Uplink:Kind={kind}",
            "--Uplink:Mqtt:Host=127.0.0.1", "--Uplink:Mqtt:Port=1", // not the gateway's own broker; nothing connects here
            "--Uplink:IoTHub:ConnectionString=HostName=h.azure-devices.net;DeviceId=gw-1;SharedAccessKey=bm90LWEtcmVhbC1rZXktYnV0LWxvbmctZW5vdWdo",
        ]);
        Assert.NotEmpty(host.Services.GetServices<IHostedService>());
        Assert.NotNull(host.Services.GetRequiredService<IUplink>());
        Assert.Single(host.Services.GetServices<ISirenTester>());
        Assert.NotNull(host.Services.GetRequiredService<CommandHandler>());
    }
}
