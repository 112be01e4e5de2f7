using System.Globalization;
using System.Reflection;
using System.Text.Json;
using EdgeGateway.Contracts.Commands;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Events;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Core.Commands;

/// <summary>
/// The one place every command enters the gateway (<see cref="ICloudInbound"/>): IoT Hub C2D and direct methods,
/// the MQTT cloud's command topic, the ward console and the CLI. It parses and validates the JSON, answers every
/// problem with an error reply naming it, and runs the command: <c>ack</c> through <see cref="AlarmAcknowledger"/>,
/// <c>ping</c>, <c>getStatus</c>, <c>sirenTest</c> through <see cref="ISirenTester"/>, desired settings through
/// <see cref="RuntimeSettings"/>.
/// </summary>
public sealed class CommandHandler : ICloudInbound
{
    public const int MaxCommandBytes = 4096;
    public const int MaxSirenSeconds = 30;

    private static readonly string Version =
        typeof(CommandHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly AlarmAcknowledger _acks;
    private readonly IEventBuffer _buffer;
    private readonly IDeviceConnections _devices;
    private readonly RuntimeSettings _settings;
    private readonly ISirenTester? _siren;
    private readonly ILogger _logger;

    public CommandHandler(AlarmAcknowledger acks, IEventBuffer buffer, IDeviceConnections devices, RuntimeSettings settings,
        IEnumerable<ISirenTester> sirens, ILogger<CommandHandler> logger)
    {
        _acks = acks;
        _buffer = buffer;
        _devices = devices;
        _settings = settings;
        _siren = sirens.FirstOrDefault();
        _logger = logger;
        _settings.Changed += s => CommandsLog.SettingsChanged(_logger, s.PanicWindow, s.CheckinWindow, s.HeartbeatInterval);
    }

    /// <summary>Commands refused as bad input so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    private long _refused;

    public async Task<CommandReply> HandleCommandAsync(ReadOnlyMemory<byte> command, string source, CancellationToken cancellationToken)
    {
        if (!TryParseObject(command, "the command", out var root, out var problem)) return Refuse(source, problem);
        using (root)
        {
            var cmd = StringOf(root.RootElement, "cmd");
            if (cmd is null) return Refuse(source, "the command has no \"cmd\" (expected ack, ping, getStatus or sirenTest)");
            return cmd == "ack"
                ? await AckAsync(root.RootElement, "id", source, cancellationToken).ConfigureAwait(false)
                : await InvokeAsync(cmd, root.RootElement, source, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<CommandReply> InvokeMethodAsync(string method, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken)
    {
        JsonDocument? args = null;
        if (!payload.IsEmpty && !payload.Span.SequenceEqual("null"u8)
            && !TryParseObject(payload, $"the payload of '{Text.Shorten(method)}'", out args, out var problem))
        {
            return Refuse(source, problem);
        }
        using (args)
        {
            var root = args?.RootElement ?? default;
            return method == "ackAlarm"
                ? await AckAsync(root, "eventId", source, cancellationToken).ConfigureAwait(false)
                : await InvokeAsync(method, root, source, cancellationToken).ConfigureAwait(false);
        }
    }

    public CommandReply ApplyDesired(ReadOnlyMemory<byte> desired)
    {
        if (!TryParseObject(desired, "desired settings", out var doc, out var problem)) return Refuse("desired", problem);
        using (doc)
        {
            var problems = _settings.Apply(doc.RootElement);
            return problems.Count == 0 ? CommandReply.Ok() : Refuse("desired", string.Join("; ", problems));
        }
    }

    public async Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var backlog = await _buffer.BacklogByClassAsync(cancellationToken).ConfigureAwait(false);
        var byClass = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var p = 0; p < 4; p++) byClass["P" + p.ToString(CultureInfo.InvariantCulture)] = p < backlog.Count ? backlog[p] : 0;
        var online = _devices.IsRunning ? (await _devices.ConnectedDeviceIdsAsync(cancellationToken).ConfigureAwait(false)).Count : 0;
        return new GatewayStatus(Version, online, byClass);
    }

    private async Task<CommandReply> AckAsync(JsonElement args, string idField, string source, CancellationToken cancellationToken)
    {
        var id = args.ValueKind == JsonValueKind.Object ? StringOf(args, idField) : null;
        if (id is null) return Refuse(source, $"an ack needs \"{idField}\": the event id {{dev}}:{{boot}}:{{seq}} of the alarm");
        var by = args.TryGetProperty("by", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        var reply = await _acks.AckAsync(id, by, source, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess) Count(source, reply.ErrorMessage);
        return reply;
    }

    private async Task<CommandReply> InvokeAsync(string name, JsonElement args, string source, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "ping":
                return CommandReply.Ok("{\"pong\":true}");
            case "getStatus":
                return CommandReply.Ok(StatusJson(await GetStatusAsync(cancellationToken).ConfigureAwait(false)));
            case "sirenTest":
                var seconds = 3;
                if (args.ValueKind == JsonValueKind.Object && args.TryGetProperty("seconds", out var s)
                    && (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out seconds) || seconds < 1 || seconds > MaxSirenSeconds))
                {
                    return Refuse(source, $"sirenTest \"seconds\" must be a whole number 1..{MaxSirenSeconds}");
                }
                if (_siren is null) return CommandReply.Error(CommandStatus.NotImplemented, "no siren output is configured on this gateway");
                CommandsLog.SirenTest(_logger, seconds);
                await _siren.SoundAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
                return CommandReply.Ok("{\"seconds\":" + seconds.ToString(CultureInfo.InvariantCulture) + "}");
            default:
                return new CommandReply(CommandStatus.NotFound, Refuse(source,
                    $"unknown command '{Text.Shorten(name)}'; this gateway offers ack (ackAlarm), ping, getStatus, sirenTest").Json);
        }
    }

    /// <summary>The status as the JSON object <c>getStatus</c> answers and the IoT Hub twin reports.</summary>
    public static string StatusJson(GatewayStatus status) => JsonSerializer.Serialize(
        new StatusReply(status.Version, status.DevicesOnline, status.BacklogByClass), CoreJsonContext.Default.StatusReply);

    private static bool TryParseObject(ReadOnlyMemory<byte> json, string what, out JsonDocument doc, out string problem)
    {
        doc = null!;
        if (json.Length > MaxCommandBytes)
        {
            problem = $"{what} is {json.Length} bytes; at most {MaxCommandBytes} are accepted";
            return false;
        }
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            problem = $"{what} is not JSON ({json.Length} bytes)";
            return false;
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            problem = $"{what} is not a JSON object";
            return false;
        }
        problem = "";
        return true;
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private CommandReply Refuse(string source, string reason)
    {
        Count(source, reason);
        return CommandReply.Error(CommandStatus.BadRequest, reason);
    }

    private void Count(string source, string reason)
    {
        Interlocked.Increment(ref _refused);
        CommandsLog.Refused(_logger, source, reason);
    }
}
