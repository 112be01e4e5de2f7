using System.Text;
using System.Text.Json;

namespace EdgeGateway.Contracts.Envelope;

/// <summary>
/// Parses and validates one envelope from the wire. Never throws on input: every malformed payload
/// becomes an <see cref="EnvelopeError"/> with a short reason that is safe to log (it never quotes the payload).
/// </summary>
public static class EnvelopeParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <param name="utf8">The payload as received.</param>
    /// <param name="topicDevice">The device id taken from the topic; <c>dev</c> must equal it.</param>
    public static EnvelopeParseResult Parse(ReadOnlySpan<byte> utf8, string topicDevice)
    {
        if (utf8.Length > EventEnvelope.MaxBytes)
            return EnvelopeParseResult.Fail(EnvelopeError.Oversize, $"{utf8.Length} bytes > {EventEnvelope.MaxBytes}");
        try
        {
            return ParseCore(utf8, topicDevice);
        }
        catch (JsonException)
        {
            return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "payload is not valid JSON");
        }
        catch (Exception ex) when (ex is DecoderFallbackException or InvalidOperationException)
        {
            // Utf8JsonReader.GetString throws InvalidOperationException for invalid UTF-8 inside a string.
            return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "payload is not valid UTF-8");
        }
    }

    private static EnvelopeParseResult ParseCore(ReadOnlySpan<byte> utf8, string topicDevice)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read()) return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "empty payload");
        if (reader.TokenType != JsonTokenType.StartObject)
            return EnvelopeParseResult.Fail(EnvelopeError.NotAnObject, "envelope must be a JSON object");

        var fields = new EnvelopeFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!reader.Read()) return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "truncated JSON");
            var error = fields.Accept(name, ref reader, utf8);
            if (error is not null) return error.Value;
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "truncated JSON");
        if (reader.Read())
            return EnvelopeParseResult.Fail(EnvelopeError.NotJson, "trailing data after the envelope");

        return fields.Build(topicDevice);
    }
}
