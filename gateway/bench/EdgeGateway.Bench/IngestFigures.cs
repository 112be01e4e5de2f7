namespace EdgeGateway.Bench;

/// <summary>Scenario 1's figures of one run: events/s acked and CPU µs per acked event, gateway and plain Mosquitto.</summary>
internal sealed record IngestFigures(double Gateway, double Mosquitto, double GatewayCpuUs, double MosquittoCpuUs);
