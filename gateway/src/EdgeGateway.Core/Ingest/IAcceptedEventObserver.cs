using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;

namespace EdgeGateway.Core.Ingest;

/// <summary>
/// Told of every device event after it was durably accepted (stored, coalesced or a duplicate), before the device's
/// PUBACK goes out. Feature modules (patrols, supervision, the console) watch ingest through it. An implementation
/// must return at once: queue the work to its own loop; never block, never wait on I/O here, never throw.
/// </summary>
public interface IAcceptedEventObserver
{
    void OnAccepted(EventEnvelope envelope, AppendOutcome outcome);
}
