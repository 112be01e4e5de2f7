using System.Collections.Concurrent;
using System.Text;
using EdgeGateway.Contracts.Commands;

namespace EdgeGateway.CloudBridge.Tests.IoTHub;

/// <summary>
/// The gateway side of the inbound seam, as a recorder: it keeps every command, method call and desired document
/// the uplink handed over and answers with the reply scripted for it (else 404). What the gateway does with a
/// command is Core's business and tested there; these tests check only the IoT Hub side of the seam.
/// </summary>
internal sealed class RecordingInbound : ICloudInbound
{
    public ConcurrentQueue<(string Source, string Body)> Commands { get; } = new();

    public ConcurrentQueue<(string Method, string Payload)> Methods { get; } = new();

    public ConcurrentQueue<string> Desired { get; } = new();

    /// <summary>Replies by command body or method name.</summary>
    public ConcurrentDictionary<string, CommandReply> Replies { get; } = new(StringComparer.Ordinal);

    /// <summary>Desired documents containing this text are refused.</summary>
    public string RefuseDesiredContaining { get; set; } = "\"soon\"";

    public int DevicesOnline { get; set; } = 3;

    public Task<CommandReply> HandleCommandAsync(ReadOnlyMemory<byte> command, string source, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(command.Span);
        Commands.Enqueue((source, body));
        return Task.FromResult(Replies.GetValueOrDefault(body, CommandReply.Error(CommandStatus.NotFound, "no reply scripted for " + body)));
    }

    public Task<CommandReply> InvokeMethodAsync(string method, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken)
    {
        Methods.Enqueue((method, Encoding.UTF8.GetString(payload.Span)));
        return Task.FromResult(Replies.GetValueOrDefault(method, CommandReply.Error(CommandStatus.NotFound, $"unknown method '{method}'")));
    }

    public CommandReply ApplyDesired(ReadOnlyMemory<byte> desired)
    {
        var text = Encoding.UTF8.GetString(desired.Span);
        if (text.Contains(RefuseDesiredContaining, StringComparison.Ordinal))
            return CommandReply.Error(CommandStatus.BadRequest, "heartbeatIntervalSeconds must be a number");
        Desired.Enqueue(text);
        return CommandReply.Ok();
    }

    public Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new GatewayStatus("9.9.9-test", DevicesOnline, new Dictionary<string, long> { ["P0"] = 0, ["P1"] = 0, ["P2"] = 5, ["P3"] = 1 }));
}
