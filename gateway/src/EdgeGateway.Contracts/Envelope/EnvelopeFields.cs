using System.Text;
using System.Text.Json;

namespace EdgeGateway.Contracts.Envelope;

/// <summary>Collects the known fields of an envelope while <see cref="EnvelopeParser"/> reads it.</summary>
internal sealed class EnvelopeFields
{
    private long? _v, _boot, _seq, _ts;
    private string? _dev, _type, _data;
    private bool? _sync;

    public EnvelopeParseResult? Accept(string name, ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        switch (name)
        {
            case "v": return ReadLong(name, ref reader, ref _v);
            case "boot": return ReadLong(name, ref reader, ref _boot);
            case "seq": return ReadLong(name, ref reader, ref _seq);
            case "ts": return ReadLong(name, ref reader, ref _ts);
            case "dev": return ReadString(name, ref reader, ref _dev);
            case "type": return ReadString(name, ref reader, ref _type);
            case "sync":
                if (_sync is not null) return Duplicate(name);
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return Bad(name, "must be true or false");
                _sync = reader.GetBoolean();
                return null;
            case "data":
                if (_data is not null) return Duplicate(name);
                if (reader.TokenType != JsonTokenType.StartObject) return Bad(name, "must be an object");
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                _data = Encoding.UTF8.GetString(utf8[start..(int)reader.BytesConsumed]);
                return null;
            default:
                reader.Skip(); // unknown fields are kept in the raw envelope, not interpreted
                return null;
        }
    }

    public EnvelopeParseResult Build(string topicDevice)
    {
        if (_v is null) return Missing("v");
        if (_v != EventEnvelope.CurrentVersion)
            return EnvelopeParseResult.Fail(EnvelopeError.UnknownVersion, $"version {_v} is not supported");
        if (_dev is null) return Missing("dev");
        if (_boot is null) return Missing("boot");
        if (_seq is null) return Missing("seq");
        if (_type is null) return Missing("type");
        if (_ts is null) return Missing("ts");
        if (!DeviceIds.IsValid(_dev)) return Bad("dev", "is not a valid device id");
        if (!string.Equals(_dev, topicDevice, StringComparison.Ordinal))
            return EnvelopeParseResult.Fail(EnvelopeError.DeviceMismatch, "dev differs from the topic's device id");
        if (_boot < 0) return Bad("boot", "must be >= 0");
        if (_seq < 1) return Bad("seq", "must be >= 1");
        if (_ts < 0) return Bad("ts", "must be >= 0");
        if (!EventTypes.IsDeviceType(_type))
            return EnvelopeParseResult.Fail(EnvelopeError.UnknownType, "type is not a device event type");
        return EnvelopeParseResult.Ok(new EventEnvelope(
            (int)_v.Value, _dev, _boot.Value, _seq.Value, _type, _ts.Value, _sync ?? false, _data ?? "{}"));
    }

    private static EnvelopeParseResult? ReadLong(string name, ref Utf8JsonReader reader, ref long? slot)
    {
        if (slot is not null) return Duplicate(name);
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
            return Bad(name, "must be an integer");
        slot = value;
        return null;
    }

    private static EnvelopeParseResult? ReadString(string name, ref Utf8JsonReader reader, ref string? slot)
    {
        if (slot is not null) return Duplicate(name);
        if (reader.TokenType != JsonTokenType.String) return Bad(name, "must be a string");
        slot = reader.GetString();
        return null;
    }

    private static EnvelopeParseResult Missing(string name) =>
        EnvelopeParseResult.Fail(EnvelopeError.MissingField, $"field '{name}' is missing");

    private static EnvelopeParseResult Bad(string name, string why) =>
        EnvelopeParseResult.Fail(EnvelopeError.BadField, $"field '{name}' {why}");

    private static EnvelopeParseResult Duplicate(string name) =>
        EnvelopeParseResult.Fail(EnvelopeError.BadField, $"field '{name}' appears twice");
}
