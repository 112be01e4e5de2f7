using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Core.Ingest;

/// <summary>What ingest decided about one publish. Only an accepted publish may be acked to the device.</summary>
public readonly record struct IngestResult(bool Accepted, AppendOutcome Outcome, EnvelopeError Error, string Detail, string? EventId)
{
    public static IngestResult Refused(EnvelopeError error, string detail) => new(false, default, error, detail, null);

    public static IngestResult Committed(AppendOutcome outcome, string eventId) => new(true, outcome, EnvelopeError.None, "", eventId);
}
