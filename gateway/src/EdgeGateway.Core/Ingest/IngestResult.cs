using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Core.Ingest;

/// <summary>What ingest decided about one publish. Only an accepted publish may be acked to the device. An accepted
/// result carries the event's type as parsed, so the broker need not parse the envelope again.</summary>
public readonly record struct IngestResult(bool Accepted, AppendOutcome Outcome, EnvelopeError Error, string Detail, string? EventId, string? Type = null)
{
    public static IngestResult Refused(EnvelopeError error, string detail) => new(false, default, error, detail, null);

    public static IngestResult Committed(AppendOutcome outcome, string eventId, string type) => new(true, outcome, EnvelopeError.None, "", eventId, type);
}
