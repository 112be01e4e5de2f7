using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Firmware.Core.Seams;
using EdgeGateway.Firmware.Host;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>SPEC "Event envelope": a bad envelope is refused (no PUBACK), counted, logged once per device per minute, and blocks nobody.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await InProcessGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<IMqttClient> ConnectRawAsync(string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var r = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _gateway.Port).WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V311).Build());
        Assert.Equal(MqttClientConnectResultCode.Success, r.ResultCode);
        return client;
    }

    /// <summary>Publishes QoS 1 and reports whether a successful PUBACK came back.</summary>
    private static async Task<bool> PublishIsAckedAsync(IMqttClient client, string topic, string payload)
    {
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ => { disconnected.TrySetResult(); return Task.CompletedTask; };
        try
        {
            var publish = client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            var result = await Eventually.WithinAsync(publish, TimeSpan.FromSeconds(10), "publish to finish or fail");
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
            return false;
        }
    }

    public static TheoryData<string, EnvelopeError> BadPayloads() => new()
    {
        { "this is not json", EnvelopeError.NotJson },
        { """{"v":1,"dev":"pb-bad","boot":1,"seq":1,"type":"panic"}""", EnvelopeError.MissingField },
        { """{"v":9,"dev":"pb-bad","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.UnknownVersion },
        { """{"v":1,"dev":"pb-other","boot":1,"seq":1,"type":"panic","ts":1}""", EnvelopeError.DeviceMismatch },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task A_bad_envelope_gets_no_puback_and_is_counted(string payload, EnvelopeError reason)
    {
        using var client = await ConnectRawAsync("pb-bad");
        var acked = await PublishIsAckedAsync(client, "sec/v1/pb-bad/evt", payload);
        Assert.False(acked);
        await Eventually.TrueAsync(() => !client.IsConnected, TimeSpan.FromSeconds(5), "the gateway to disconnect the bad client");
        Assert.Equal(1, _gateway.Metrics.Rejected(reason));
        Assert.Equal(0, _gateway.Metrics.StoredTotal);
    }

    [Fact]
    public async Task Bad_input_is_logged_once_per_device_per_minute_and_other_devices_keep_working()
    {
        await using var good = new VirtualPanicButton(new MqttLinkOptions { Port = _gateway.Port, DeviceId = "pb-good", AutoReconnect = false }, boot: 1);
        await good.ConnectAsync(CancellationToken.None);

        foreach (var (payload, _) in BadPayloads().Select(r => ((string)r[0], (EnvelopeError)r[1])))
        {
            using var bad = await ConnectRawAsync("pb-bad");
            Assert.False(await PublishIsAckedAsync(bad, "sec/v1/pb-bad/evt", payload));
        }

        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        good.Led.Changed += s => { if (s == LedState.Delivered) delivered.TrySetResult(); };
        good.Press();
        await Eventually.WithinAsync(delivered.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(10), "the good device's panic to be acked");

        Assert.Equal(4, _gateway.Metrics.RejectedTotal);
        Assert.Equal(1, _gateway.Metrics.StoredTotal);
        var warnings = _gateway.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("pb-bad", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain("this is not json", _gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publish_outside_the_device_topics_is_refused()
    {
        using var client = await ConnectRawAsync("pb-bad");
        Assert.False(await PublishIsAckedAsync(client, "some/other/topic", "{}"));
        Assert.Equal(1, _gateway.Metrics.Rejected(EnvelopeError.BadTopic));
    }
}
