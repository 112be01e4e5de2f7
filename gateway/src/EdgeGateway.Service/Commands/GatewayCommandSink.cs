using System.Reflection;
using System.Text.Json;
using EdgeGateway.CloudBridge.Commands;
using EdgeGateway.Contracts;
using EventId = EdgeGateway.Contracts.Envelope.EventId;
using EdgeGateway.Service.Broker;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Service.Commands;

/// <summary>
/// The gateway's side of cloud commands. A dispatcher's ack for <c>pb-1:3:7</c> becomes
/// <c>{"cmd":"ack","id":"pb-1:3:7"}</c> (QoS 1) on <c>sec/v1/pb-1/cmd</c> through the embedded broker; a malformed
/// id or one that never reached this gateway gets a clear error instead.
/// </summary>
internal sealed class GatewayCommandSink : ICloudCommandSink
{
    private static readonly string Version =
        typeof(GatewayCommandSink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private readonly MqttBrokerService _broker;
    private readonly BufferInspector _buffer;
    private readonly RuntimeSettings _settings;
    private readonly ISirenTester? _siren;
    private readonly ILogger _logger;

    public GatewayCommandSink(MqttBrokerService broker, BufferInspector buffer, RuntimeSettings settings, IEnumerable<ISirenTester> sirens, ILogger<GatewayCommandSink> logger)
    {
        _broker = broker;
        _buffer = buffer;
        _settings = settings;
        _siren = sirens.FirstOrDefault();
        _logger = logger;
        _settings.Changed += s => CommandsLog.SettingsChanged(_logger, s.PanicWindow, s.CheckinWindow, s.HeartbeatInterval);
    }

    public async Task<CommandResult> AckAlarmAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!EventId.TryParse(eventId, out var id))
            return CommandResult.Error(CommandStatus.BadRequest, "'" + Shorten(eventId) + "' is not an event id ({dev}:{boot}:{seq})");
        if (!_buffer.HasSeen(id.ToString()))
            return CommandResult.Error(CommandStatus.NotFound, $"event {id} never reached this gateway");
        var topic = Topics.Cmd(id.Device);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["cmd"] = "ack", ["id"] = id.ToString() });
        if (!await _broker.SendCommandAsync(id.Device, payload, cancellationToken).ConfigureAwait(false))
            return CommandResult.Error(CommandStatus.Failed, "the gateway's broker is not running");
        CommandsLog.AckSent(_logger, id.ToString(), topic);
        return CommandResult.Ok(new() { ["eventId"] = id.ToString(), ["device"] = id.Device, ["sent"] = true });
    }

    public async Task<CommandResult> SirenTestAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (_siren is null) return CommandResult.Error(CommandStatus.NotImplemented, "no siren output is configured on this gateway");
        CommandsLog.SirenTest(_logger, duration.TotalSeconds);
        await _siren.SoundAsync(duration, cancellationToken).ConfigureAwait(false);
        return CommandResult.Ok(new() { ["seconds"] = duration.TotalSeconds });
    }

    public async Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        new(Version, await _broker.ConnectedClientCountAsync().ConfigureAwait(false), _buffer.BacklogByClass());

    public CommandResult ApplyDesired(JsonElement desired)
    {
        var problems = _settings.Apply(desired);
        return problems.Count == 0
            ? CommandResult.Ok()
            : CommandResult.Error(CommandStatus.BadRequest, string.Join("; ", problems));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
