using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EdgeGateway.Broker.Listener;

/// <summary>
/// The broker's TCP (and TLS) listener in place of MQTTnet's own, which admits every socket, waits 100 s for a
/// CONNECT and allocates whatever length a fixed header claims. This one admits connections through a
/// <see cref="ConnectionGate"/>, closes those without a whole CONNECT after <see cref="BrokerLimitsOptions.ConnectTimeout"/>,
/// and reads every client through a <see cref="GuardedStream"/> so an oversized packet is refused before its body
/// is buffered. What it closes is counted (<see cref="GuardMetrics"/>) and logged at most once a minute per kind.
/// </summary>
internal sealed class GuardedTcpServerAdapter : IMqttServerAdapter
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    private readonly BrokerLimitsOptions _limits;
    private readonly ConnectionGate _gate;
    private readonly GuardMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RefusalLogGate _logGate;
    private readonly List<Socket> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeper = Task.CompletedTask;

    public GuardedTcpServerAdapter(BrokerLimitsOptions limits, GuardMetrics metrics, TimeProvider time, ILogger logger)
    {
        _limits = limits;
        _gate = new ConnectionGate(limits);
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _logGate = new RefusalLogGate(time);
    }

    public Func<IMqttChannelAdapter, Task> ClientHandler { get; set; } = _ => Task.CompletedTask;

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        try
        {
            if (options.DefaultEndpointOptions.IsEnabled) Listen(options.DefaultEndpointOptions, null, options, logger);
            if (options.TlsEndpointOptions.IsEnabled)
            {
                var certificate = options.TlsEndpointOptions.CertificateProvider.GetCertificate();
                Listen(options.TlsEndpointOptions, certificate, options, logger);
            }
        }
        catch
        {
            CloseListeners();
            throw;
        }
        _sweeper = SweepAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private void Listen(MqttServerTcpEndpointBaseOptions endpoint, X509Certificate2? certificate, MqttServerOptions options, IMqttNetLogger logger)
    {
        var address = endpoint.BoundInterNetworkAddress;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, endpoint.Port));
            listener.Listen(endpoint.ConnectionBacklog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listeners.Add(listener);
        var tls = certificate is null ? null : new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = ((MqttServerTlsTcpEndpointOptions)endpoint).SslProtocol,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            EncryptionPolicy = EncryptionPolicy.RequireEncryption,
        };
        _ = AcceptAsync(listener, tls, endpoint.AllowPacketFragmentation, options, logger, _stopping.Token);
    }

    private async Task AcceptAsync(Socket listener, SslServerAuthenticationOptions? tls, bool fragmentation, MqttServerOptions options, IMqttNetLogger logger,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (stoppingToken.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, usually: wait rather than spin.
                if (_logGate.ShouldLog("accept", out _)) GuardLog.AcceptFailed(_logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            _ = Task.Run(() => ServeAsync(client, tls, fragmentation, options, logger, stoppingToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client, SslServerAuthenticationOptions? tls, bool fragmentation, MqttServerOptions options, IMqttNetLogger logger,
        CancellationToken stoppingToken)
    {
        var remote = client.RemoteEndPoint as IPEndPoint;
        var address = remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : remote?.Address ?? IPAddress.None;
        var evicted = new List<Admission>();
        var admission = _gate.TryAdmit(address, _time.GetTimestamp(), client.Dispose, evicted, out var refusal);
        foreach (var old in evicted) Close(old, "evicted", "it had not sent a CONNECT and a newer connection needed its place");
        if (admission is null)
        {
            Closed("limit", address, refusal ?? "connection limit");
            client.Dispose();
            return;
        }
        Stream? stream = null;
        try
        {
            client.NoDelay = true;
            // A silent socket costs only its admission until its first byte arrives (a zero-byte read needs no buffer):
            // no stream, TLS state, MQTT buffers or session exist for it before that.
            await client.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, stoppingToken).ConfigureAwait(false);
            stream = new NetworkStream(client, ownsSocket: true);
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(tls, stoppingToken).ConfigureAwait(false);
            }
            var guarded = new GuardedStream(stream, new FrameGuard(_limits.MaxConnectPacketBytes, _limits.MaxPacketBytes),
                () => _gate.Promote(admission), g => Closed(g.ViolationKind ?? "malformed", address, g.Violation ?? "bad framing"));
            var channel = new MqttTcpChannel(guarded, client.LocalEndPoint, remote, null);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, logger);
            adapter.AllowPacketFragmentation = fragmentation;
            await ClientHandler(adapter).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, was closed by the gate, or failed its TLS handshake: nothing to serve.
        }
        finally
        {
            _gate.Release(admission);
            if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, _time);
        var expired = new List<Admission>();
        var timeoutTicks = (long)(_limits.ConnectTimeout.TotalSeconds * _time.TimestampFrequency);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                expired.Clear();
                _gate.ExpirePending(_time.GetTimestamp() - timeoutTicks, expired);
                foreach (var admission in expired) Close(admission, "connect_timeout", $"no CONNECT within Broker:Limits:ConnectTimeout ({_limits.ConnectTimeout})");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Close(Admission admission, string kind, string reason)
    {
        admission.Close();
        Closed(kind, admission.Address, reason);
    }

    private void Closed(string kind, IPAddress address, string reason)
    {
        _metrics.Count(kind);
        if (_logGate.ShouldLog("guard:" + kind, out var suppressed)) GuardLog.Closed(_logger, address.ToString(), reason, suppressed);
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        CloseListeners();
        await _sweeper.ConfigureAwait(false);
    }

    private void CloseListeners()
    {
        foreach (var listener in _listeners) listener.Dispose();
        _listeners.Clear();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        CloseListeners();
        _stopping.Dispose();
    }
}
