using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.CloudBridge.Commands;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// What the hub sends the gateway: C2D messages (<c>{"cmd":"ack","id":"{event id}"}</c>), direct methods
/// (<c>ackAlarm</c>, <c>ping</c>, <c>getStatus</c>, <c>sirenTest</c>) and twin desired-property patches. Bad input
/// gets a clear error (a method's error status, or a log line for C2D, which has no reply channel); it never throws.
/// </summary>
internal sealed class CloudInbound
{
    private const int MaxSirenSeconds = 30;
    private readonly IoTHubLink _link;
    private readonly ICloudCommandSink _sink;
    private readonly Func<Task<JsonObject>> _status;
    private readonly ILogger _logger;

    public CloudInbound(IoTHubLink link, ICloudCommandSink sink, Func<Task<JsonObject>> status, ILogger logger)
    {
        _link = link;
        _sink = sink;
        _status = status;
        _logger = logger;
    }

    /// <summary>Counts C2D messages and method calls that were refused as bad input.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _refused;

    public async Task HandleAsync(string topic, byte[] body, CancellationToken cancellationToken)
    {
        if (topic.StartsWith(IoTHubTopics.DeviceBoundPrefix(_link.DeviceId), StringComparison.Ordinal))
            await HandleCloudToDeviceAsync(body, cancellationToken).ConfigureAwait(false);
        else if (IoTHubTopics.TrySplit(topic, IoTHubTopics.MethodsPrefix, out var method, out var bag))
            await HandleMethodAsync(method, bag, body, cancellationToken).ConfigureAwait(false);
        else if (topic.StartsWith(IoTHubTopics.TwinDesiredPrefix, StringComparison.Ordinal))
            ApplyDesired(body, PropertyBag.Decode(topic[IoTHubTopics.TwinDesiredPrefix.Length..]).GetValueOrDefault("$version", "?"), patch: true);
        else
            Refuse($"unexpected topic '{Truncate(topic)}'");
    }

    /// <summary>Applies the <c>desired</c> section of a full twin (after a GET) or a desired patch.</summary>
    public void ApplyDesired(byte[] body, string version, bool patch)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var desired = doc.RootElement;
            if (!patch && !(desired.ValueKind == JsonValueKind.Object && desired.TryGetProperty("desired", out desired)))
            {
                IoTHubLog.DesiredRefused(_logger, version, "the twin has no desired section");
                return;
            }
            if (desired.ValueKind != JsonValueKind.Object)
            {
                IoTHubLog.DesiredRefused(_logger, version, "desired properties are not a JSON object");
                return;
            }
            var result = _sink.ApplyDesired(desired);
            if (result.IsSuccess) IoTHubLog.DesiredApplied(_logger, version);
            else IoTHubLog.DesiredRefused(_logger, version, result.ErrorMessage);
        }
        catch (JsonException ex)
        {
            IoTHubLog.DesiredRefused(_logger, version, "not JSON: " + ex.Message);
        }
    }

    private async Task HandleCloudToDeviceAsync(byte[] body, CancellationToken cancellationToken)
    {
        string? cmd, id;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Refuse("the message is not a JSON object");
                return;
            }
            cmd = root.TryGetProperty("cmd", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        }
        catch (JsonException)
        {
            Refuse($"the message is not JSON ({body.Length} bytes)");
            return;
        }
        if (cmd != "ack")
        {
            Refuse(cmd is null ? "the message has no \"cmd\"" : $"unknown command '{Truncate(cmd)}' (expected \"ack\")");
            return;
        }
        if (id is null)
        {
            Refuse("an ack needs \"id\": the event id to acknowledge");
            return;
        }
        await AckAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandResult> AckAsync(string eventId, CancellationToken cancellationToken)
    {
        CommandResult result;
        try
        {
            result = await _sink.AckAlarmAsync(eventId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = CommandResult.Error(CommandStatus.Failed, "the gateway could not deliver the ack: " + ex.Message);
        }
        if (result.IsSuccess) IoTHubLog.AckDelivered(_logger, eventId);
        else
        {
            Interlocked.Increment(ref _refused);
            IoTHubLog.AckRefused(_logger, Truncate(eventId), result.ErrorMessage);
        }
        return result;
    }

    private async Task HandleMethodAsync(string method, Dictionary<string, string> bag, byte[] body, CancellationToken cancellationToken)
    {
        if (!bag.TryGetValue("$rid", out var rid) || rid.Length == 0)
        {
            Refuse($"direct method '{Truncate(method)}' has no $rid; it cannot be answered");
            return;
        }
        var result = await InvokeAsync(method, body, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess) IoTHubLog.MethodAnswered(_logger, method, rid, (int)result.Status);
        else
        {
            Interlocked.Increment(ref _refused);
            IoTHubLog.MethodFailed(_logger, Truncate(method), rid, (int)result.Status, result.ErrorMessage);
        }
        var payload = JsonSerializer.SerializeToUtf8Bytes(result.Body);
        await _link.PublishAsync(IoTHubTopics.MethodResponse((int)result.Status, rid), payload, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandResult> InvokeAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        JsonElement args;
        try
        {
            using var doc = JsonDocument.Parse(body.Length == 0 ? "null"u8.ToArray() : body);
            args = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return CommandResult.Error(CommandStatus.BadRequest, $"the payload of '{Truncate(method)}' is not JSON");
        }
        switch (method)
        {
            case "ping":
                return CommandResult.Ok(new JsonObject { ["pong"] = true });
            case "getStatus":
                return CommandResult.Ok(await _status().ConfigureAwait(false));
            case "ackAlarm":
                var id = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("eventId", out var e) && e.ValueKind == JsonValueKind.String
                    ? e.GetString()
                    : null;
                if (id is null) return CommandResult.Error(CommandStatus.BadRequest, "ackAlarm needs {\"eventId\":\"{dev}:{boot}:{seq}\"}");
                return await AckAsync(id, cancellationToken).ConfigureAwait(false);
            case "sirenTest":
                var seconds = 3;
                if (args.ValueKind == JsonValueKind.Object && args.TryGetProperty("seconds", out var s))
                {
                    if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out seconds) || seconds < 1 || seconds > MaxSirenSeconds)
                        return CommandResult.Error(CommandStatus.BadRequest, $"sirenTest \"seconds\" must be a whole number 1..{MaxSirenSeconds}");
                }
                return await _sink.SirenTestAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            default:
                return CommandResult.Error(CommandStatus.NotFound, $"unknown method '{Truncate(method)}'; this gateway offers ackAlarm, ping, getStatus, sirenTest");
        }
    }

    private void Refuse(string reason)
    {
        Interlocked.Increment(ref _refused);
        IoTHubLog.BadCloudMessage(_logger, reason);
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
