using System.Device.Gpio;
using System.Text;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.EndToEnd.Tests.Devices;
using EdgeGateway.Firmware.Host;
using EdgeGateway.Gpio;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.EndToEnd.Tests.Gpio;

/// <summary>
/// The gateway board wired into the real gateway (Gpio:Driver=fake): a virtual panic button's press over MQTT
/// sounds the siren and lights red; the dispatcher's ack through the gateway's command handling stops both; the
/// cloud's sirenTest runs the self-test and its test event goes upstream.
/// </summary>
public sealed class SirenOnThePanicPathTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_press_sounds_the_siren_and_the_dispatchers_ack_silences_it_and_sirenTest_runs_the_self_test()
    {
        await using var gw = await InProcessGateway.StartAsync("--Gpio:Enabled=true", "--Gpio:Driver=fake");
        var pins = (FakeGpioDriver)gw.Services.GetRequiredService<GpioDriver>();
        var options = gw.Services.GetRequiredService<GpioOptions>();
        var cloud = gw.Services.GetRequiredService<ICloudInbound>();
        await using var button = new VirtualPanicButton(new MqttLinkOptions { Port = gw.Port, DeviceId = "pb-siren" }, boot: 3);
        await button.ConnectAsync(CancellationToken.None);

        var alarm = button.Press();
        await Eventually.TrueAsync(() => pins.IsHigh(options.Siren.Pin) && pins.IsHigh(options.RedLed.Pin), Wait, "siren and red LED on");

        var reply = await cloud.HandleCommandAsync(Encoding.UTF8.GetBytes($$"""{"cmd":"ack","id":"{{alarm}}","by":"dispatch"}"""), "cloud",
            CancellationToken.None);
        Assert.True(reply.IsSuccess, reply.Json);
        Assert.False(pins.IsHigh(options.Siren.Pin));
        await Eventually.TrueAsync(() => !pins.IsHigh(options.RedLed.Pin), Wait, "red LED off after the ack");

        var test = await cloud.InvokeMethodAsync("sirenTest", """{"seconds":1}"""u8.ToArray(), "cloud", CancellationToken.None);
        Assert.Equal(CommandStatus.Ok, test.Status);
        var uplink = new UplinkFile(Path.Combine(gw.DataDirectory, "uplink.jsonl"));
        var line = await uplink.WaitForTypeAsync("test", "gw-local", Wait);
        Assert.Equal("cloud", line.GetProperty("evt").GetProperty("data").GetProperty("source").GetString());
    }
}
