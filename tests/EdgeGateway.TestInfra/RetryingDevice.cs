using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.TestInfra;

/// <summary>
/// A simulated device as the firmware behaves: publishes envelopes QoS 1 in order, and an event whose PUBACK
/// did not arrive is sent again, with the same id, after reconnecting (across gateway restarts). Records the
/// ids whose PUBACK it received: exactly the events the gateway promised to keep.
/// </summary>
public sealed class RetryingDevice : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly int _port;
    private readonly ConcurrentQueue<string> _acked = new();

    public RetryingDevice(string deviceId, int port, long boot = 1)
    {
        DeviceId = deviceId;
        _port = port;
        Boot = boot;
    }

    public string DeviceId { get; }

    public long Boot { get; }

    public long Seq { get; private set; }

    public int Retries { get; private set; }

    public IReadOnlyCollection<string> Acked => _acked.ToArray();

    /// <summary>How long one event is retried before the test fails rather than hangs.</summary>
    public static TimeSpan MaxRetryTime { get; } = TimeSpan.FromSeconds(60);

    public static string Envelope(string dev, long boot, long seq, string type, string data = "{}") =>
        $"{{\"v\":1,\"dev\":\"{dev}\",\"boot\":{boot},\"seq\":{seq},\"type\":\"{type}\",\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},\"sync\":true,\"data\":{data}}}";

    /// <summary>Publishes the next event and retries it until the gateway acks it. Returns its id.</summary>
    public async Task<string> SendAsync(string type, CancellationToken cancellationToken, string data = "{}") =>
        (await TrySendAsync(type, int.MaxValue, cancellationToken, data).ConfigureAwait(false))!;

    /// <summary>Publishes an event (the next seq, or <paramref name="repeatSeq"/> again) with at most
    /// <paramref name="attempts"/> tries; returns its id when acked, null when never acked.</summary>
    public async Task<string?> TrySendAsync(string type, int attempts, CancellationToken cancellationToken, string data = "{}", long? repeatSeq = null)
    {
        var seq = repeatSeq ?? ++Seq;
        var id = $"{DeviceId}:{Boot}:{seq}";
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"sec/v1/{DeviceId}/evt")
            .WithPayload(Encoding.UTF8.GetBytes(Envelope(DeviceId, Boot, seq, type, data)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var backoff = TimeSpan.FromMilliseconds(20);
        var giveUp = DateTime.UtcNow + MaxRetryTime;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > giveUp)
                throw new TimeoutException($"{id} was not acked within {MaxRetryTime.TotalSeconds:0} s ({attempt - 1} attempts); is the gateway refusing this device?");
            try
            {
                if (!_client.IsConnected) await ConnectAsync(cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    _acked.Enqueue(id);
                    return id;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // not acked: the gateway is down or refused; keep the event and try again
            }
            if (attempt >= attempts) return null;
            Retries++;
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false); // reconnect backoff, as the firmware does
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMilliseconds(300).Ticks));
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(DeviceId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(3))
            .Build();
        var result = await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"connect refused: {result.ResultCode}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // the gateway may be gone already
        }
        _client.Dispose();
    }
}
