using System.Net;
using EdgeGateway.Contracts;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeGateway.Broker;

/// <summary>
/// Authentication and ACL of the embedded broker. A device connects with client id = user name = its
/// registry id and password = its secret. It may publish only under <c>sec/v1/{own id}/</c> and subscribe only to
/// <c>sec/v1/{own id}/cmd</c>. Messages injected by the gateway itself (empty client id) are always allowed.
/// The secret is always verified first: a correct one connects at once, whatever failed before for the same id or
/// address. A failed attempt waits before its refusal (<see cref="AuthDelay"/>, growing per id and per address,
/// bounded) and is logged at most once a minute per id (<see cref="RefusalLogGate"/>), never with the secret.
/// With <c>Broker:RequireAuth=false</c> (tests, lab) client ids are not authenticated, so neither auth nor ACL applies.
/// </summary>
internal sealed class BrokerAccess
{
    private static readonly TimeSpan ForgetFailuresAfter = TimeSpan.FromMinutes(1);

    private readonly BrokerOptions _options;
    private readonly IDeviceAuthenticator _authenticator;
    private readonly IDeviceActivity _activity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AuthFailureTracker _perDevice = new(ForgetFailuresAfter);
    private readonly AuthFailureTracker _perAddress = new(ForgetFailuresAfter);
    private readonly RefusalLogGate _logGate;

    private readonly GatewayMetrics _metrics;

    public BrokerAccess(BrokerOptions options, IDeviceAuthenticator authenticator, IDeviceActivity activity, TimeProvider time, ILogger<BrokerAccess> logger,
        GatewayMetrics metrics)
    {
        _metrics = metrics;
        _options = options;
        _authenticator = authenticator;
        _activity = activity;
        _time = time;
        _logger = logger;
        _logGate = new RefusalLogGate(time);
    }

    public bool RequireAuth => _options.RequireAuth;

    public void WarnIfOpen()
    {
        if (!_options.RequireAuth) AccessLog.AuthDisabled(_logger);
    }

    /// <summary>Called after the client id was found to be a valid device id.</summary>
    public async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        if (!_options.RequireAuth) return;
        var id = e.ClientId;
        var remote = Address(e.RemoteEndPoint);
        var (result, reason) = Check(e, id);
        if (result == VerifyResult.Ok) return;
        if (result == VerifyResult.Unavailable)
        {
            AccessLog.RegistryUnavailable(_logger, id, remote);
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            return;
        }
        e.ReasonCode = result == VerifyResult.Revoked ? MqttConnectReasonCode.NotAuthorized : MqttConnectReasonCode.BadUserNameOrPassword;
        _metrics.AuthFailed(result.ToString());
        var now = _time.GetUtcNow();
        var failures = Math.Max(_perDevice.RecordFailure(id, now), _perAddress.RecordFailure(remote, now));
        if (_logGate.ShouldLog(id, out var suppressed)) AccessLog.Refused(_logger, id, remote, reason, suppressed);
        var delay = AuthDelay.For(failures, _options.AuthFailureDelay, _options.AuthFailureDelayMax);
        if (delay <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(delay, _time, e.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connection or the server is going away: the refusal stands.
        }
    }

    private (VerifyResult Result, string Reason) Check(ValidatingConnectionEventArgs e, string id)
    {
        if (string.IsNullOrEmpty(e.UserName)) return (VerifyResult.WrongSecret, "no user name");
        if (!string.Equals(e.UserName, id, StringComparison.Ordinal)) return (VerifyResult.WrongSecret, "user name is not the client id");
        if (string.IsNullOrEmpty(e.Password)) return (VerifyResult.WrongSecret, "no secret");
        var result = _authenticator.Verify(id, e.Password);
        return (result, result switch
        {
            VerifyResult.Ok => "",
            VerifyResult.UnknownDevice => "unknown device",
            VerifyResult.Revoked => "device revoked",
            VerifyResult.Unavailable => "registry unavailable",
            _ => "wrong secret",
        });
    }

    public Task OnConnectedAsync(ClientConnectedEventArgs e)
    {
        _activity.Seen(e.ClientId, _time.GetUtcNow());
        AccessLog.Connected(_logger, e.ClientId, Address(e.RemoteEndPoint)); // Debug: a reconnect loop must not fill the SD card
        return Task.CompletedTask;
    }

    /// <summary>False (the caller refuses the publish) when a device publishes outside its own topics.</summary>
    public bool AllowPublish(InterceptingPublishEventArgs e)
    {
        if (!_options.RequireAuth) return true; // open mode (tests, lab): client ids are not authenticated, so no ACL
        var topic = e.ApplicationMessage.Topic;
        if (Topics.TryParse(topic, out var device, out _) && string.Equals(device, e.ClientId, StringComparison.Ordinal)) return true;
        if (!topic.StartsWith(Topics.Prefix, StringComparison.Ordinal)) return true; // not a device topic: the topic check refuses it
        if (_logGate.ShouldLog("acl:" + e.ClientId, out _)) AccessLog.PublishRefused(_logger, e.ClientId, Truncate(topic));
        return false;
    }

    public Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) || !_options.RequireAuth) return Task.CompletedTask;
        var topic = e.TopicFilter.Topic ?? "";
        if (string.Equals(topic, Topics.Cmd(e.ClientId), StringComparison.Ordinal)) return Task.CompletedTask;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        AccessLog.SubscribeRefused(_logger, e.ClientId, Truncate(topic));
        return Task.CompletedTask;
    }

    /// <summary>After an accepted event of <paramref name="type"/> (as ingest parsed it): note a heartbeat.</summary>
    public void Ingested(string device, string? type)
    {
        if (string.Equals(type, EventTypes.Heartbeat, StringComparison.Ordinal)) _activity.Heartbeat(device, _time.GetUtcNow());
    }

    private static string Address(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint ip => ip.Address.ToString(),
        null => "unknown",
        _ => endPoint.ToString() ?? "unknown",
    };

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
