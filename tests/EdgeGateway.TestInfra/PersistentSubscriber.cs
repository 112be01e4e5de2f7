using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.TestInfra;

/// <summary>
/// An upstream subscriber that outlives restarts of its broker: a persistent session (clean session off, a fixed
/// client id, QoS 1) that reconnects whenever it is disconnected, so a broker with persistence queues for it what
/// arrived while it was away. Collects every message in arrival order; the gateway's presence topic is left out.
/// </summary>
public sealed class PersistentSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<byte[]> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;
    private readonly string _filter;
    private readonly string _clientId = "flap-sub-" + Guid.NewGuid().ToString("N")[..8];
    private Task _reconnecting = Task.CompletedTask;
    private int _connects;

    private PersistentSubscriber(string host, int port, string filter)
    {
        _host = host;
        _port = port;
        _filter = filter;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic.Split('/') is ["edge", _, "status"]) return Task.CompletedTask;
            _messages.Enqueue(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += _ =>
        {
            if (!_stop.IsCancellationRequested) _reconnecting = Task.Run(ReconnectAsync);
            return Task.CompletedTask;
        };
    }

    /// <summary>Every payload received, in arrival order (redeliveries included).</summary>
    public IReadOnlyList<byte[]> Messages => _messages.ToArray();

    /// <summary>How many times the session was (re)established.</summary>
    public int Connects => Volatile.Read(ref _connects);

    public static async Task<PersistentSubscriber> ConnectAsync(string host, int port, string filter)
    {
        var s = new PersistentSubscriber(host, port, filter);
        await s.ConnectOnceAsync(subscribe: true).ConfigureAwait(false);
        return s;
    }

    private async Task ConnectOnceAsync(bool subscribe)
    {
        var options = new MqttClientOptionsBuilder().WithTcpServer(_host, _port).WithClientId(_clientId)
            .WithCleanSession(false).WithProtocolVersion(MqttProtocolVersion.V311).WithTimeout(TimeSpan.FromSeconds(3)).Build();
        var result = await _client.ConnectAsync(options, _stop.Token).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"subscriber refused: {result.ResultCode}");
        // The broker restores the subscription with the session; subscribing again on a resumed session is harmless.
        if (subscribe || !result.IsSessionPresent)
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(_filter).WithAtLeastOnceQoS()).Build(), _stop.Token).ConfigureAwait(false);
        Interlocked.Increment(ref _connects);
    }

    private async Task ReconnectAsync()
    {
        while (!_stop.IsCancellationRequested && !_client.IsConnected)
        {
            try
            {
                await ConnectOnceAsync(subscribe: false).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // the broker is still down (connection refused) or shutting down: try again shortly
            }
            try { await Task.Delay(25, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _reconnecting.ConfigureAwait(false); }
        catch (OperationCanceledException) { /* stopped while reconnecting */ }
        if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
        _client.Dispose();
        _stop.Dispose();
    }
}
