using System.Text;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>SPEC "Topics" and issue 6: each device authenticates with its own secret and stays inside its own topics.</summary>
public sealed class AuthAndAclTests : IAsyncLifetime
{
    private readonly Dictionary<string, string> _secrets = new();
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync();
        foreach (var id in new[] { "pb-a", "pb-b" })
        {
            _secrets[id] = SecretHasher.NewSecret();
            _gateway.Registry.Add(id, "panic-button", "test", null, _secrets[id], DateTimeOffset.UtcNow);
        }
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<(IMqttClient Client, MqttClientConnectResultCode Code)> ConnectAsync(string id, string? secret, string? user = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _gateway.Port).WithClientId(id)
            .WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(10));
        if (secret is not null) b = b.WithCredentials(user ?? id, secret);
        var r = await client.ConnectAsync(b.Build()); // MQTTnet 5 reports a refusal in the result, it does not throw
        return (client, r.ResultCode);
    }

    private static MqttApplicationMessage Event(string topicDevice, string dev, string type, int seq) =>
        new MqttApplicationMessageBuilder().WithTopic("sec/v1/" + topicDevice + "/evt")
            .WithPayload(Encoding.UTF8.GetBytes("{\"v\":1,\"dev\":\"" + dev + "\",\"boot\":1,\"seq\":" + seq + ",\"type\":\"" + type + "\",\"ts\":1763900000123,\"data\":{}}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static TaskCompletionSource Disconnected(IMqttClient client)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ => { tcs.TrySetResult(); return Task.CompletedTask; };
        return tcs;
    }

    [Fact]
    public async Task A_device_with_its_own_secret_connects_and_its_event_is_acked()
    {
        var (client, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var r = await client.PublishAsync(Event("pb-a", "pb-a", "panic", 1));
        Assert.True(r.IsSuccess);
        client.Dispose();
    }

    [Fact]
    public async Task Unknown_devices_wrong_secrets_and_anonymous_clients_are_refused_and_the_secret_is_not_logged()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync("pb-a", _secrets["pb-b"])).Code);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync("pb-zz", _secrets["pb-a"])).Code);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync("pb-a", null)).Code);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync("pb-b", _secrets["pb-b"], user: "pb-a")).Code);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await ConnectAsync("pb-c", null)).Code);
        var logs = _gateway.Logs.AllText;
        Assert.Contains("refused pb-a from 127.0.0.1: wrong secret", logs, StringComparison.Ordinal);
        Assert.Contains("refused pb-zz from 127.0.0.1: unknown device", logs, StringComparison.Ordinal);
        Assert.Contains("refused pb-b from 127.0.0.1: user name is not the client id", logs, StringComparison.Ordinal);
        Assert.Contains("refused pb-c from 127.0.0.1: no user name", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(_secrets["pb-a"], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(_secrets["pb-b"], logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_publishing_as_another_is_refused_and_disconnected()
    {
        var (client, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var disconnected = Disconnected(client);
        var acked = false;
        try
        {
            var r = await Eventually.WithinAsync(client.PublishAsync(Event("pb-b", "pb-b", "panic", 1)), TimeSpan.FromSeconds(10), "publish to end");
            acked = r.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Exceptions.MqttClientNotConnectedException)
        {
        }
        Assert.False(acked);
        await Eventually.WithinAsync(disconnected.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(10), "pb-a to be disconnected");
        Assert.Equal(0, _gateway.Metrics.StoredTotal);
        Assert.Contains("pb-a tried to publish to sec/v1/pb-b/evt", _gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_may_subscribe_to_its_own_cmd_only()
    {
        var (client, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var r = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("sec/v1/pb-a/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("sec/v1/pb-b/cmd", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("sec/v1/+/evt", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var codes = r.Items.Select(i => (i.TopicFilter.Topic, i.ResultCode)).ToList();
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, codes[0].ResultCode);
        Assert.All(codes.Skip(1), c => Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, c.ResultCode));
        client.Dispose();
    }

    [Fact]
    public async Task A_revoked_device_is_cut_off_and_cannot_come_back()
    {
        var (client, code) = await ConnectAsync("pb-a", _secrets["pb-a"]);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var disconnected = Disconnected(client);
        // Revoke through a second handle on the file, as the CLI does from another process.
        Assert.True(DeviceRegistry.Open(_gateway.DataDirectory).Revoke("pb-a"));
        await Eventually.WithinAsync(disconnected.Task.ContinueWith(_ => true, TaskScheduler.Default), TimeSpan.FromSeconds(10), "revoked pb-a to be disconnected");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, (await ConnectAsync("pb-a", _secrets["pb-a"])).Code);
        Assert.Equal(MqttClientConnectResultCode.Success, (await ConnectAsync("pb-b", _secrets["pb-b"])).Code);
    }

    [Fact]
    public async Task Connect_and_heartbeat_are_recorded_in_the_registry()
    {
        var (client, _) = await ConnectAsync("pb-b", _secrets["pb-b"]);
        await Eventually.TrueAsync(() => _gateway.Registry.Find("pb-b")!.LastSeen is not null, TimeSpan.FromSeconds(10), "last seen");
        Assert.Null(_gateway.Registry.Find("pb-b")!.LastHeartbeat);
        Assert.True((await client.PublishAsync(Event("pb-b", "pb-b", "heartbeat", 7))).IsSuccess);
        await Eventually.TrueAsync(() => _gateway.Registry.Find("pb-b")!.LastHeartbeat is not null, TimeSpan.FromSeconds(10), "last heartbeat");
        client.Dispose();
    }
}
