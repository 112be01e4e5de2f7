using System.Buffers;
using System.Collections.Concurrent;
using EdgeGateway.Broker;
using EdgeGateway.Core.Commands;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>
/// Issue 18: each session's packet writer starts small (<see cref="MqttBrokerService.WriterBufferBytes"/>) and is cut
/// back after a big packet (<see cref="MqttBrokerService.WriterBufferMaxBytes"/>); what the broker sends must not suffer.
/// </summary>
public sealed class SessionWriterTests : IAsyncLifetime
{
    private readonly string _secret = SecretHasher.NewSecret();
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync();
        _gateway.Registry.Add("pb-w", "panic-button", "test", null, _secret, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Commands_larger_than_the_initial_and_the_kept_writer_reach_the_device_whole_and_in_order()
    {
        using var device = new MqttClientFactory().CreateMqttClient();
        var received = new ConcurrentQueue<byte[]>();
        device.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _gateway.Port).WithClientId("pb-w")
            .WithCredentials("pb-w", _secret).WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10)).Build());
        await device.SubscribeAsync("sec/v1/pb-w/cmd", MqttQualityOfServiceLevel.AtLeastOnce);

        var channel = _gateway.Services.GetRequiredService<IDeviceCommandChannel>();
        int[] sizes = [MqttBrokerService.WriterBufferBytes / 2, MqttBrokerService.WriterBufferBytes * 3, MqttBrokerService.WriterBufferMaxBytes * 3, 100];
        var sent = sizes.Select((size, i) => Enumerable.Range(0, size).Select(k => (byte)('a' + ((k + i) % 26))).ToArray()).ToList();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < sent.Count; i++)
        {
            var outcome = await channel.SendAsync(new DeviceCommand($"big-{i}", "pb-w", "locate", sent[i], now, now.AddMinutes(1)), CancellationToken.None);
            Assert.Equal(DeliveryOutcome.Delivered, outcome);
        }
        await Eventually.TrueAsync(() => received.Count == sent.Count, TimeSpan.FromSeconds(10), "every command at the device");
        Assert.Equal(sent, received.ToList());
    }
}
