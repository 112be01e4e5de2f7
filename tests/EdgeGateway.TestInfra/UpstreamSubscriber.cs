using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.TestInfra;

/// <summary>
/// A real MQTT client subscribed upstream, collecting what arrives and signalling each message. Under a wildcard filter
/// (<c>edge/#</c>) the gateway's presence topic (<c>edge/{gw}/status</c>, <c>online</c>/<c>offline</c>) is left out, so
/// tests that read every event see events only; subscribe to the status topic by name to see presence.
/// </summary>
public sealed class UpstreamSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyCollection<(string Topic, byte[] Payload)> Messages => _messages.ToArray();

    public static async Task<UpstreamSubscriber> ConnectAsync(string host, int port, string filter)
    {
        var s = new UpstreamSubscriber();
        var wildcard = filter.Contains('#', StringComparison.Ordinal) || filter.Contains('+', StringComparison.Ordinal);
        s._client.ApplicationMessageReceivedAsync += e =>
        {
            if (wildcard && e.ApplicationMessage.Topic.Split('/') is ["edge", _, "status"]) return Task.CompletedTask;
            s._messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            s._arrived.Release();
            return Task.CompletedTask;
        };
        var result = await s._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port).WithClientId("test-sub-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V311).Build()).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"subscriber refused: {result.ResultCode}");
        await s._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build()).ConfigureAwait(false);
        return s;
    }

    /// <summary>Publishes QoS 1 as this client (a dispatcher sending a command to the gateway, for example).</summary>
    public async Task PublishAsync(string topic, string payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build()).ConfigureAwait(false);
        if (!result.IsSuccess) throw new InvalidOperationException($"publish to {topic} refused: {result.ReasonCode}");
    }

    /// <summary>Waits until a message matching <paramref name="match"/> has arrived.</summary>
    public async Task<(string Topic, byte[] Payload)> WaitForAsync(Func<string, byte[], bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var m in _messages)
                if (match(m.Topic, m.Payload)) return m;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left).ConfigureAwait(false))
                throw new TimeoutException($"no matching upstream message within {timeout.TotalSeconds:0.#} s ({_messages.Count} others arrived)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
        _client.Dispose();
        _arrived.Dispose();
    }
}
