namespace EdgeGateway.Contracts.Envelope;

/// <summary>The outcome of <see cref="EnvelopeParser.Parse"/>: an envelope, or an error and a short reason.</summary>
public readonly record struct EnvelopeParseResult(EventEnvelope? Envelope, EnvelopeError Error, string Detail)
{
    public bool IsValid => Error == EnvelopeError.None;

    public static EnvelopeParseResult Ok(EventEnvelope envelope) => new(envelope, EnvelopeError.None, "");

    public static EnvelopeParseResult Fail(EnvelopeError error, string detail) => new(null, error, detail);
}
