using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeGateway.TestInfra.IoTHub;

/// <summary>
/// A contract emulator of Azure IoT Hub's MQTT device endpoint, written from Microsoft's documentation
/// ("Communicate with an IoT hub using the MQTT protocol", "Control access with SAS", "Understand direct methods",
/// "Device twins"): MQTT 3.1.1 only, over TLS on 127.0.0.1 with a throwaway CA; ClientId = device id; username
/// <c>{host}/{id}/?api-version=…</c>; SAS token checked against the device key and disconnected at expiry; only the
/// documented topics; QoS 2 publishes close the connection; messages over 256 KB close the connection; one
/// connection per device id (a new one takes over); C2D, direct methods (with <c>$rid</c>) and twin GET/PATCH.
/// <see cref="Throttle"/> shapes device-to-cloud traffic as IoT Hub's traffic shaping does: PUBACKs paced at a rate.
/// </summary>
public sealed class IoTHubEmulator : IAsyncDisposable
{
    public const int MaxMessageBytes = 256 * 1024;
    private readonly ConcurrentDictionary<string, byte[]> _devices = new();
    private readonly ConcurrentDictionary<string, EmulatedTwin> _twins = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(int, string)>> _methodCalls = new();
    private readonly ConcurrentQueue<ReceivedTelemetry> _telemetry = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _expiryTimers = new();
    private readonly TempDir _dir = new("iothub-emulator");
    private readonly EmulatorCertificates _certs;
    private MqttServer? _server;
    private TaskCompletionSource _stallReleased = Completed();
    private readonly ConcurrentQueue<DateTimeOffset> _connectTimes = new();
    private readonly ConcurrentDictionary<string, int> _open = new();
    private readonly object _throttleLock = new();
    private double _throttleInterval, _throttleNext;
    private int _maxConcurrent;
    private long _rid, _connects, _takeovers, _expiredKicks, _refusedConnects, _c2dAcked;

    private IoTHubEmulator(string hostName)
    {
        HostName = hostName;
        _certs = EmulatorCertificates.Create(hostName);
        CaCertificatePath = Path.Combine(_dir.Path, "emulator-ca.pem");
        File.WriteAllText(CaCertificatePath, _certs.CaPem);
        Port = FreePort.Next();
    }

    public string HostName { get; }

    public int Port { get; }

    /// <summary>PEM of the CA that signed the emulator's server certificate.</summary>
    public string CaCertificatePath { get; }

    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connections closed because a new connection for the same device id arrived.</summary>
    public long Takeovers => Interlocked.Read(ref _takeovers);

    /// <summary>Connections the hub closed because their SAS token expired.</summary>
    public long ExpiredKicks => Interlocked.Read(ref _expiredKicks);

    public long RefusedConnects => Interlocked.Read(ref _refusedConnects);

    /// <summary>When each accepted connection was made, in order.</summary>
    public IReadOnlyList<DateTimeOffset> ConnectTimes => _connectTimes.ToArray();

    /// <summary>The most connections one device id ever had open at the same time (IoT Hub allows one).</summary>
    public int MaxConcurrentConnections => Volatile.Read(ref _maxConcurrent);

    /// <summary>C2D messages the device acknowledged (PUBACK).</summary>
    public long CloudToDeviceAcked => Interlocked.Read(ref _c2dAcked);

    /// <summary>Protocol rule violations seen (QoS 2, oversize, bad topic …), each closing the connection.</summary>
    public IReadOnlyList<string> Violations => _violations.ToArray();

    public IReadOnlyList<ReceivedTelemetry> Telemetry => _telemetry.ToArray();

    public bool IsRunning => _server is { IsStarted: true };

    public static async Task<IoTHubEmulator> StartAsync(string hostName = "emu-hub.azure-devices.net")
    {
        var emulator = new IoTHubEmulator(hostName);
        await emulator.ComeBackAsync().ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Registers a device identity and returns its connection string (a fresh random key).</summary>
    public string RegisterDevice(string deviceId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        _devices[deviceId] = key;
        _twins.TryAdd(deviceId, new EmulatedTwin());
        return $"HostName={HostName};DeviceId={deviceId};SharedAccessKey={Convert.ToBase64String(key)}";
    }

    public EmulatedTwin Twin(string deviceId) => _twins[deviceId];

    public async Task<bool> IsConnectedAsync(string deviceId) =>
        _server is { IsStarted: true } s && (await s.GetClientsAsync().ConfigureAwait(false)).Any(c => c.Id == deviceId);

    /// <summary>An outage: the hub goes away (all connections drop, new ones are refused).</summary>
    public async Task GoOfflineAsync()
    {
        if (_server is { } s)
        {
            _server = null;
            await s.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
            s.Dispose();
        }
    }

    /// <summary>The hub is back on the same port.</summary>
    public async Task ComeBackAsync()
    {
        var options = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
            .WithEncryptedEndpointPort(Port)
            .WithEncryptionCertificate(_certs.Server)
            .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
            .WithTlsEndpointReuseAddress()
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += OnClientConnectedAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        server.ClientAcknowledgedPublishPacketAsync += e =>
        {
            if (e.PublishPacket.Topic.Contains("/messages/devicebound/", StringComparison.Ordinal)) Interlocked.Increment(ref _c2dAcked);
            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        _server = server;
    }

    /// <summary>The hub drops a device's connection (as it does on maintenance or a throttling breach).</summary>
    public async Task KickAsync(string deviceId)
    {
        if (_server is { } s) await s.DisconnectClientAsync(deviceId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.ServerBusy }).ConfigureAwait(false);
    }

    /// <summary>A stalled hub: connections stay up but device-to-cloud messages get no PUBACK until <see cref="Resume"/>.</summary>
    public void Stall() => Volatile.Write(ref _stallReleased, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Resume() => Volatile.Read(ref _stallReleased).TrySetResult();

    /// <summary>
    /// Device-to-cloud messages are acked at most <paramref name="perSecond"/> a second: each waits for its slot, as IoT
    /// Hub's traffic shaping queues requests above the throttle; a device that sends faster sees its acks fall behind.
    /// </summary>
    public void Throttle(int perSecond)
    {
        lock (_throttleLock) _throttleInterval = 1.0 / perSecond;
    }

    /// <summary>Sends a cloud-to-device message (QoS 1) with an optional property bag.</summary>
    public Task SendCloudToDeviceAsync(string deviceId, byte[] body, string propertyBag = "") =>
        InjectAsync($"devices/{deviceId}/messages/devicebound/{propertyBag}", body, MqttQualityOfServiceLevel.AtLeastOnce);

    /// <summary>Invokes a direct method and waits for the device's answer: (status, JSON body).</summary>
    public async Task<(int Status, string Body)> InvokeMethodAsync(string deviceId, string method, string payload, TimeSpan timeout)
    {
        var rid = Interlocked.Increment(ref _rid).ToString("x", CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _methodCalls[$"{deviceId}|{rid}"] = tcs;
        try
        {
            await InjectAsync($"$iothub/methods/POST/{method}/?$rid={rid}", Encoding.UTF8.GetBytes(payload), MqttQualityOfServiceLevel.AtMostOnce)
                .ConfigureAwait(false);
            return await tcs.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        finally
        {
            _methodCalls.TryRemove($"{deviceId}|{rid}", out _);
        }
    }

    /// <summary>A back-end service updates desired properties; the device gets the patch with the new version.</summary>
    public Task UpdateDesiredAsync(string deviceId, JsonObject patch)
    {
        var version = _twins[deviceId].PatchDesired(patch);
        return InjectAsync($"$iothub/twin/PATCH/properties/desired/?$version={version}", Encoding.UTF8.GetBytes(patch.ToJsonString()),
            MqttQualityOfServiceLevel.AtMostOnce);
    }

    private async Task InjectAsync(string topic, byte[] body, MqttQualityOfServiceLevel qos)
    {
        var server = _server ?? throw new InvalidOperationException("the emulated hub is offline");
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(qos).Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message), CancellationToken.None).ConfigureAwait(false);
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var problem = ConnectProblem(e, out var expiresAt);
        if (problem is not null)
        {
            Interlocked.Increment(ref _refusedConnects);
            _violations.Enqueue($"connect refused for '{e.ClientId}': {problem}");
            e.ReasonCode = problem.StartsWith("protocol", StringComparison.Ordinal)
                ? MqttConnectReasonCode.UnsupportedProtocolVersion
                : MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        }
        ScheduleExpiry(e.ClientId, expiresAt);
        return Task.CompletedTask;
    }

    private string? ConnectProblem(ValidatingConnectionEventArgs e, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        if (e.ProtocolVersion != MqttProtocolVersion.V311) return "protocol must be MQTT 3.1.1";
        if (!e.IsSecureConnection) return "TLS is required";
        if (!_devices.TryGetValue(e.ClientId, out var key)) return "unknown device id";
        var expectedUser = $"{HostName}/{e.ClientId}/?api-version=";
        if (e.UserName is null || !e.UserName.StartsWith(expectedUser, StringComparison.Ordinal)) return $"username must start with '{expectedUser}'";
        return SasValidator.Problem(e.Password, HostName, e.ClientId, key, DateTimeOffset.UtcNow, out expiresAt);
    }

    private void ScheduleExpiry(string clientId, DateTimeOffset expiresAt)
    {
        var cts = new CancellationTokenSource();
        if (_expiryTimers.TryGetValue(clientId, out var old)) old.Cancel();
        _expiryTimers[clientId] = cts;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_server is { } s && (await s.GetClientsAsync().ConfigureAwait(false)).Any(c => c.Id == clientId))
            {
                Interlocked.Increment(ref _expiredKicks);
                await s.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized })
                    .ConfigureAwait(false);
            }
        });
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        Interlocked.Increment(ref _connects);
        _connectTimes.Enqueue(DateTimeOffset.UtcNow);
        var open = _open.AddOrUpdate(e.ClientId, 1, (_, n) => n + 1);
        int max;
        do max = Volatile.Read(ref _maxConcurrent);
        while (open > max && Interlocked.CompareExchange(ref _maxConcurrent, open, max) != max);
        return Task.CompletedTask;
    }

    /// <summary>How long this telemetry message waits for its slot under <see cref="Throttle"/>.</summary>
    private TimeSpan ThrottleSlot()
    {
        lock (_throttleLock)
        {
            if (_throttleInterval <= 0) return TimeSpan.Zero;
            var now = Environment.TickCount64 / 1000.0;
            var slot = Math.Max(_throttleNext, now);
            _throttleNext = slot + _throttleInterval;
            return TimeSpan.FromSeconds(slot - now);
        }
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        _open.AddOrUpdate(e.ClientId, 0, (_, n) => n - 1);
        if (e.DisconnectType == MqttClientDisconnectType.Takeover) Interlocked.Increment(ref _takeovers);
        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var f = e.TopicFilter.Topic;
        var allowed = f == $"devices/{e.ClientId}/messages/devicebound/#"
            || f == "$iothub/methods/POST/#" || f == "$iothub/twin/res/#" || f == "$iothub/twin/PATCH/properties/desired/#";
        if (!allowed)
        {
            _violations.Enqueue($"subscription to '{f}' refused");
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.UnspecifiedError;
            return Task.CompletedTask;
        }
        // IoT Hub grants at most QoS 1.
        if (e.TopicFilter.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce)
            e.TopicFilter.QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce;
        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId)) return; // the emulator's own injected messages
        e.ProcessPublish = false; // the hub is not a broker: nothing is routed device to device
        var m = e.ApplicationMessage;
        var topic = m.Topic;
        var body = m.Payload.ToArray();
        if (m.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce)
        {
            Violate(e, "QoS 2 publish");
            return;
        }
        if (Encoding.UTF8.GetByteCount(topic) + body.Length > MaxMessageBytes)
        {
            Violate(e, $"message of {body.Length} bytes exceeds 256 KB");
            return;
        }
        var eventsPrefix = $"devices/{e.ClientId}/messages/events/";
        if (topic.StartsWith(eventsPrefix, StringComparison.Ordinal))
        {
            await Volatile.Read(ref _stallReleased).Task.WaitAsync(e.CancellationToken).ConfigureAwait(false);
            var wait = ThrottleSlot();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, e.CancellationToken).ConfigureAwait(false);
            _telemetry.Enqueue(new ReceivedTelemetry(e.ClientId, topic, Decode(topic[eventsPrefix.Length..]), body, m.Retain));
        }
        else if (Split(topic, "$iothub/methods/res/", out var status, out var bag) && bag.TryGetValue("$rid", out var rid))
        {
            if (_methodCalls.TryGetValue($"{e.ClientId}|{rid}", out var call) && int.TryParse(status, CultureInfo.InvariantCulture, out var code))
                call.TrySetResult((code, Encoding.UTF8.GetString(body)));
        }
        else if (Split(topic, "$iothub/twin/GET/", out _, out bag) && bag.TryGetValue("$rid", out rid))
        {
            await InjectToAsync(e.ClientId, $"$iothub/twin/res/200/?$rid={rid}", Encoding.UTF8.GetBytes(_twins[e.ClientId].Document().ToJsonString()))
                .ConfigureAwait(false);
        }
        else if (Split(topic, "$iothub/twin/PATCH/properties/reported/", out _, out bag) && bag.TryGetValue("$rid", out rid))
        {
            JsonObject? patch;
            try { patch = JsonNode.Parse(body) as JsonObject; } catch (System.Text.Json.JsonException) { patch = null; }
            if (patch is null)
            {
                await InjectToAsync(e.ClientId, $"$iothub/twin/res/400/?$rid={rid}", []).ConfigureAwait(false);
                return;
            }
            var version = _twins[e.ClientId].PatchReported(patch);
            await InjectToAsync(e.ClientId, $"$iothub/twin/res/204/?$rid={rid}&$version={version}", []).ConfigureAwait(false);
        }
        else
        {
            Violate(e, $"publish to unsupported topic '{topic}'");
        }
    }

    private Task InjectToAsync(string deviceId, string topic, byte[] body) =>
        _server is { } s
            ? s.InjectApplicationMessage(new InjectedMqttApplicationMessage(
                new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build()),
                CancellationToken.None)
            : Task.CompletedTask;

    private void Violate(InterceptingPublishEventArgs e, string what)
    {
        _violations.Enqueue($"{e.ClientId}: {what}");
        e.CloseConnection = true;
    }

    private static bool Split(string topic, string prefix, out string segment, out Dictionary<string, string> bag)
    {
        segment = "";
        bag = [];
        if (!topic.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = topic[prefix.Length..];
        var q = rest.IndexOf('?');
        segment = (q < 0 ? rest : rest[..q]).TrimEnd('/');
        bag = q < 0 ? [] : Decode(rest[(q + 1)..]);
        return true;
    }

    private static Dictionary<string, string> Decode(string bag)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in bag.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            result[Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq])] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return result;
    }

    private static TaskCompletionSource Completed()
    {
        var t = new TaskCompletionSource();
        t.SetResult();
        return t;
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        foreach (var t in _expiryTimers.Values) t.Cancel();
        await GoOfflineAsync().ConfigureAwait(false);
        _certs.Dispose();
        _dir.Dispose();
    }
}
