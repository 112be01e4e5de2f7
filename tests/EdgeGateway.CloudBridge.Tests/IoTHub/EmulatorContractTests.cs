using System.Security.Cryptography;
using EdgeGateway.CloudBridge.IoTHub;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.IoTHub;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// The emulator itself keeps IoT Hub's documented rules, driven by a raw MQTT client, so that the uplink tests
/// against it mean something.
/// </summary>
public sealed class EmulatorContractTests
{
    private static async Task<(IMqttClient Client, MqttClientConnectResult Result)> ConnectAsync(
        IoTHubEmulator hub, string deviceId, string connectionString, MqttProtocolVersion version = MqttProtocolVersion.V311, DateTimeOffset? expiry = null)
    {
        var cs = IoTHubConnectionString.Parse(connectionString);
        var token = SasToken.Create(SasToken.DeviceResource(cs.HostName, cs.DeviceId), cs.Key, expiry ?? DateTimeOffset.UtcNow.AddHours(1));
        var caCopy = TrustedCa.Load(hub.CaCertificatePath);
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", hub.Port)
            .WithProtocolVersion(version)
            .WithClientId(deviceId)
            .WithCredentials(IoTHubTopics.Username(hub.HostName, deviceId), token)
            .WithTlsOptions(t => t.UseTls(true).WithTargetHost(hub.HostName)
                .WithCertificateValidationHandler(e => TrustedCa.Validate(e.Certificate, e.SslPolicyErrors, caCopy)))
            .Build();
        return (client, await client.ConnectAsync(options));
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, byte[] body, MqttQualityOfServiceLevel qos) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(qos).Build());

    [Fact]
    public async Task Only_mqtt_311_with_a_valid_unexpired_sas_token_for_that_device_may_connect()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        var good = hub.RegisterDevice("dev-a");
        var wrongKey = $"HostName={hub.HostName};DeviceId=dev-a;SharedAccessKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

        var (c1, ok) = await ConnectAsync(hub, "dev-a", good);
        Assert.Equal(MqttClientConnectResultCode.Success, ok.ResultCode);
        var (c2, badKey) = await ConnectAsync(hub, "dev-a", wrongKey);
        Assert.NotEqual(MqttClientConnectResultCode.Success, badKey.ResultCode);
        var (c3, expired) = await ConnectAsync(hub, "dev-a", good, expiry: DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotEqual(MqttClientConnectResultCode.Success, expired.ResultCode);
        var (c4, v5) = await ConnectAsync(hub, "dev-a", good, MqttProtocolVersion.V500);
        Assert.NotEqual(MqttClientConnectResultCode.Success, v5.ResultCode);

        Assert.Equal(3, hub.RefusedConnects);
        Assert.Contains(hub.Violations, v => v.Contains("signature does not match", StringComparison.Ordinal));
        Assert.Contains(hub.Violations, v => v.Contains("token expired", StringComparison.Ordinal));
        Assert.Contains(hub.Violations, v => v.Contains("3.1.1", StringComparison.Ordinal));
        foreach (var c in new[] { c1, c2, c3, c4 }) c.Dispose();
    }

    [Fact]
    public async Task Qos_2_oversize_messages_and_unknown_topics_close_the_connection()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        var cs = hub.RegisterDevice("dev-b");
        var events = "devices/dev-b/messages/events/";

        foreach (var (topic, size, qos, rule) in new[]
        {
            (events, 10, MqttQualityOfServiceLevel.ExactlyOnce, "QoS 2"),
            (events, IoTHubEmulator.MaxMessageBytes + 1, MqttQualityOfServiceLevel.AtLeastOnce, "exceeds 256 KB"),
            ("devices/dev-b/anything", 10, MqttQualityOfServiceLevel.AtLeastOnce, "unsupported topic"),
        })
        {
            var (client, result) = await ConnectAsync(hub, "dev-b", cs);
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ => { lost.TrySetResult(); return Task.CompletedTask; };
            _ = PublishAsync(client, topic, new byte[size], qos).ContinueWith(_ => { }, TaskScheduler.Default);
            await Eventually.WithinAsync(lost.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(10), $"the hub to close the connection ({rule})");
            Assert.Contains(hub.Violations, v => v.Contains(rule, StringComparison.Ordinal));
            client.Dispose();
        }
        Assert.Empty(hub.Telemetry);

        // Just under the limit is fine.
        var (ok, _) = await ConnectAsync(hub, "dev-b", cs);
        var fits = IoTHubEmulator.MaxMessageBytes - events.Length - 2;
        var body = new byte[fits];
        body.AsSpan().Fill((byte)'1');
        body[0] = (byte)'[';
        body[^1] = (byte)']';
        Assert.True((await PublishAsync(ok, events, body, MqttQualityOfServiceLevel.AtLeastOnce)).IsSuccess);
        ok.Dispose();
    }

    [Fact]
    public async Task A_second_connection_for_a_device_id_takes_over_the_first()
    {
        await using var hub = await IoTHubEmulator.StartAsync();
        var cs = hub.RegisterDevice("dev-c");
        var (first, _) = await ConnectAsync(hub, "dev-c", cs);
        var firstLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.DisconnectedAsync += _ => { firstLost.TrySetResult(); return Task.CompletedTask; };

        var (second, result) = await ConnectAsync(hub, "dev-c", cs);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await Eventually.WithinAsync(firstLost.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(10), "the first connection to be closed");
        Assert.Equal(1, hub.Takeovers);
        Assert.True(second.IsConnected);
        first.Dispose();
        second.Dispose();
    }
}
