using System.Text.Json;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Core.Events;

/// <summary>
/// Makes the gateway's own events (SPEC: <c>device_offline</c>, <c>alarm_ack</c>, <c>cmd_delivered</c>,
/// <c>checkpoint_missed</c>, …) as ordinary envelopes and appends them to the durable buffer, so they travel
/// upstream like device events: same classes, same store-and-forward, same idempotent ids.
/// </summary>
public sealed class GatewayEventEmitter
{
    private readonly IEventBuffer _buffer;
    private readonly GatewayIdentity _identity;
    private readonly TimeProvider _time;
    private readonly Func<bool> _clockSynced;
    private long _seq;

    /// <param name="clockSynced">Whether the gateway's clock is trustworthy now (NTP or RTC); it becomes each event's <c>sync</c>.
    /// Null: the system clock is taken as synced.</param>
    public GatewayEventEmitter(IEventBuffer buffer, GatewayIdentity identity, TimeProvider time, Func<bool>? clockSynced = null)
    {
        _buffer = buffer;
        _identity = identity;
        _time = time;
        _clockSynced = clockSynced ?? (() => true);
    }

    public GatewayIdentity Identity => _identity;

    /// <summary>Raised after a gateway event was committed (the console shows P1 ones). Handlers must return at once.</summary>
    public event Action<EventEnvelope>? Emitted;

    /// <summary>
    /// Durably stores one gateway event. <paramref name="dataJson"/> is the envelope's <c>data</c> object as JSON
    /// text (<c>{}</c> when null). Completes after the commit; throws when it could not be stored (e.g. the buffer
    /// is full of P0/P1, or shutting down).
    /// </summary>
    public async Task<EventId> EmitAsync(string type, string? dataJson, CancellationToken cancellationToken)
    {
        // The gateway makes its own types, and `test` for its self-test (a device type the gateway may also send).
        if (!EventTypes.GatewayTypes.Contains(type) && type != EventTypes.Test) throw new ArgumentException($"'{type}' is not a gateway event type", nameof(type));
        var data = string.IsNullOrEmpty(dataJson) ? "{}" : dataJson;
        using (var doc = JsonDocument.Parse(data))
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException("data must be a JSON object", nameof(dataJson));
        }
        var seq = Interlocked.Increment(ref _seq);
        var envelope = new EventEnvelope(EventEnvelope.CurrentVersion, _identity.Id, _identity.Boot, seq, type,
            _time.GetUtcNow().ToUnixTimeMilliseconds(), _clockSynced(), data);
        await _buffer.AppendAsync(envelope, Encode(envelope), null, cancellationToken).ConfigureAwait(false);
        Emitted?.Invoke(envelope);
        return envelope.Id;
    }

    private static byte[] Encode(EventEnvelope e)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>(128 + e.Data.Length);
        using (var w = new Utf8JsonWriter(output))
        {
            w.WriteStartObject();
            w.WriteNumber("v", e.V);
            w.WriteString("dev", e.Dev);
            w.WriteNumber("boot", e.Boot);
            w.WriteNumber("seq", e.Seq);
            w.WriteString("type", e.Type);
            w.WriteNumber("ts", e.Ts);
            w.WriteBoolean("sync", e.Sync);
            w.WritePropertyName("data");
            w.WriteRawValue(e.Data);
            w.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }
}
