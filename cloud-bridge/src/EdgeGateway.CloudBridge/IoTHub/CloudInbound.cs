using System.Text;
using System.Text.Json;
using EdgeGateway.Contracts.Commands;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// Routes what the hub sends the gateway to <see cref="ICloudInbound"/>: C2D messages (the command JSON, e.g.
/// <c>{"cmd":"ack","id":"{event id}"}</c>), direct methods (<c>ackAlarm</c>, <c>ping</c>, <c>getStatus</c>,
/// <c>sirenTest</c>, answered on the method response topic with the reply's status) and twin desired properties.
/// The gateway validates the content; this class only knows IoT Hub's topics. C2D has no reply channel, so its
/// result is logged. It never throws for bad input.
/// </summary>
internal sealed class CloudInbound
{
    private readonly IoTHubLink _link;
    private readonly ICloudInbound _gateway;
    private readonly ILogger _logger;
    private long _refused;

    public CloudInbound(IoTHubLink link, ICloudInbound gateway, ILogger logger)
    {
        _link = link;
        _gateway = gateway;
        _logger = logger;
    }

    /// <summary>Counts C2D messages and method calls that were refused.</summary>
    public long Refused => Interlocked.Read(ref _refused);

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
        ReadOnlyMemory<byte> desired = body;
        if (!patch)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("desired", out var section))
                {
                    IoTHubLog.DesiredRefused(_logger, version, "the twin has no desired section");
                    return;
                }
                desired = Encoding.UTF8.GetBytes(section.GetRawText());
            }
            catch (JsonException ex)
            {
                IoTHubLog.DesiredRefused(_logger, version, "not JSON: " + ex.Message);
                return;
            }
        }
        var result = _gateway.ApplyDesired(desired);
        if (result.IsSuccess) IoTHubLog.DesiredApplied(_logger, version);
        else IoTHubLog.DesiredRefused(_logger, version, result.ErrorMessage);
    }

    private async Task HandleCloudToDeviceAsync(byte[] body, CancellationToken cancellationToken)
    {
        var reply = await Guard(() => _gateway.HandleCommandAsync(body, CommandSources.IoTHubC2D, cancellationToken)).ConfigureAwait(false);
        if (reply.IsSuccess) IoTHubLog.CommandDone(_logger, (int)reply.Status, reply.Json);
        else Refuse(reply.ErrorMessage);
    }

    private async Task HandleMethodAsync(string method, Dictionary<string, string> bag, byte[] body, CancellationToken cancellationToken)
    {
        if (!bag.TryGetValue("$rid", out var rid) || rid.Length == 0)
        {
            Refuse($"direct method '{Truncate(method)}' has no $rid; it cannot be answered");
            return;
        }
        var reply = await Guard(() => _gateway.InvokeMethodAsync(method, body, CommandSources.IoTHubMethod, cancellationToken)).ConfigureAwait(false);
        if (reply.IsSuccess) IoTHubLog.MethodAnswered(_logger, method, rid, (int)reply.Status);
        else
        {
            Interlocked.Increment(ref _refused);
            IoTHubLog.MethodFailed(_logger, Truncate(method), rid, (int)reply.Status, reply.ErrorMessage);
        }
        await _link.PublishAsync(IoTHubTopics.MethodResponse((int)reply.Status, rid), Encoding.UTF8.GetBytes(reply.Json), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommandReply> Guard(Func<Task<CommandReply>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return CommandReply.Error(CommandStatus.Failed, "the gateway could not run the command: " + ex.Message);
        }
    }

    private void Refuse(string reason)
    {
        Interlocked.Increment(ref _refused);
        IoTHubLog.BadCloudMessage(_logger, reason);
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
