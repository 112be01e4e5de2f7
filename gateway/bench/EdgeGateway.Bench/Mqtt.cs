using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Bench;

/// <summary>Device and subscriber clients for the load.</summary>
internal static class Mqtt
{
    private static int _clients;

    /// <summary>
    /// A device connected from its own loopback address (127.1.x.y), as devices on a ward's Wi-Fi each have their own:
    /// the gateway's per-address limits (Broker:Limits) then apply to each device as they would in the field.
    /// </summary>
    public static async Task<IMqttClient> ConnectAsync(int port, string clientId) => (await ConnectAsync(port, clientId, MqttProtocolVersion.V311)).Client;

    /// <summary>As <see cref="ConnectAsync(int, string)"/> with the given protocol; also returns the CONNACK (its Receive Maximum, for MQTT 5).</summary>
    public static async Task<(IMqttClient Client, MqttClientConnectResult Connack)> ConnectAsync(int port, string clientId, MqttProtocolVersion version)
    {
        var c = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithProtocolVersion(version).WithTimeout(TimeSpan.FromSeconds(30)).WithKeepAlivePeriod(TimeSpan.FromMinutes(5)).Build();
        var n = Interlocked.Increment(ref _clients) % 60_000;
        ((MqttClientTcpOptions)options.ChannelOptions).LocalEndpoint = new IPEndPoint(new IPAddress([127, 1, (byte)(n / 250), (byte)((n % 250) + 1)]), 0);
        var r = await c.ConnectAsync(options);
        if (r.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"{clientId}: {r.ResultCode}");
        return (c, r);
    }

    public static byte[] Envelope(string dev, long seq, string type, string data = "{}") => Encoding.UTF8.GetBytes(
        $"{{\"v\":1,\"dev\":\"{dev}\",\"boot\":1,\"seq\":{seq},\"type\":\"{type}\",\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},\"sync\":true,\"data\":{data}}}");

    public static MqttApplicationMessage Event(string dev, long seq, string type, string data = "{}") =>
        new MqttApplicationMessageBuilder().WithTopic($"sec/v1/{dev}/evt").WithPayload(Envelope(dev, seq, type, data))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>
    /// Devices each keep <paramref name="inflight"/> QoS 1 publishes outstanding for <paramref name="duration"/>; returns
    /// acked/s. Each publishes <c>test</c> events unless <paramref name="message"/> makes them (from device id and seq).
    /// </summary>
    public static async Task<(double Acked, double Delivered)> FloodAsync(int port, int devices, int inflight, TimeSpan warmup, TimeSpan duration, string prefix,
        Func<long>? delivered = null, Func<string, long, MqttApplicationMessage>? message = null)
    {
        message ??= (dev, seq) => Event(dev, seq, "test");
        var clients = await Task.WhenAll(Enumerable.Range(0, devices).Select(i => ConnectAsync(port, $"{prefix}-{i}")));
        long acked = 0;
        var measuring = false;
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var workers = clients.SelectMany((c, i) => Enumerable.Range(0, inflight).Select(k => Task.Run(async () =>
        {
            long seq = k;
            while (!stop.IsCancellationRequested)
            {
                seq += inflight;
                var r = await c.PublishAsync(message($"{prefix}-{i}", seq), CancellationToken.None);
                if (r.IsSuccess) firstAck.TrySetResult();
                if (r.IsSuccess && Volatile.Read(ref measuring)) Interlocked.Increment(ref acked);
            }
        }))).ToArray();
        // The warm-up starts with the first ack: a gateway still compiling its ingest path on a busy machine is not measured.
        await firstAck.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(warmup);
        Volatile.Write(ref measuring, true);
        var d0 = delivered?.Invoke() ?? 0;
        var sw = Stopwatch.StartNew();
        await Task.Delay(duration);
        var n = Interlocked.Read(ref acked);
        var d1 = delivered?.Invoke() ?? 0;
        var rate = (n / sw.Elapsed.TotalSeconds, (d1 - d0) / sw.Elapsed.TotalSeconds);
        stop.Cancel();
        await Task.WhenAll(workers);
        foreach (var c in clients) c.Dispose();
        return rate;
    }

    /// <summary>A subscriber that counts and timestamps arrivals, and reports each payload to <paramref name="onMessage"/>.</summary>
    public static async Task<IMqttClient> SubscribeAsync(int port, string filter, Action<byte[]> onMessage)
    {
        var c = await ConnectAsync(port, "bench-sub-" + Guid.NewGuid().ToString("N")[..6]);
        c.ApplicationMessageReceivedAsync += e =>
        {
            onMessage(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        await c.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build());
        return c;
    }

    public static ConcurrentDictionary<string, long> Arrivals { get; } = new();
}
