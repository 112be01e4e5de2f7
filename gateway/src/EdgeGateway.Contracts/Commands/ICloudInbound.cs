namespace EdgeGateway.Contracts.Commands;

/// <summary>
/// How the cloud (and the ward console, and the CLI) reach into the gateway. Uplinks with an inbound side turn
/// what they receive into these calls; Core implements them. Input is the JSON exactly as received: the
/// implementation validates it and answers every problem with an error reply; it never throws for bad input.
/// <para>Commands (the body of an IoT Hub C2D message or of an MQTT cloud's command topic):
/// <c>{"cmd":"ack","id":"pb-0042:17:1234","by":"dispatcher 7"}</c>, <c>{"cmd":"ping"}</c>, <c>{"cmd":"getStatus"}</c>,
/// <c>{"cmd":"sirenTest","seconds":3}</c>. Methods (IoT Hub direct methods): <c>ackAlarm</c>
/// <c>{"eventId":"…","by":"…"}</c>, <c>ping</c>, <c>getStatus</c>, <c>sirenTest</c> <c>{"seconds":3}</c>.</para>
/// </summary>
public interface ICloudInbound
{
    /// <summary>Runs one command; <paramref name="source"/> is one of <see cref="CommandSources"/>.</summary>
    Task<CommandReply> HandleCommandAsync(ReadOnlyMemory<byte> command, string source, CancellationToken cancellationToken);

    /// <summary>Runs one named method with its JSON payload (empty means no arguments).</summary>
    Task<CommandReply> InvokeMethodAsync(string method, ReadOnlyMemory<byte> payload, string source, CancellationToken cancellationToken);

    /// <summary>Applies a desired-settings document or patch (a JSON object) at run time, all or nothing.</summary>
    CommandReply ApplyDesired(ReadOnlyMemory<byte> desired);

    /// <summary>The gateway's current status (cheap; polled every few seconds).</summary>
    Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken);
}
