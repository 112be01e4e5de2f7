using System.Net;

namespace EdgeGateway.Broker.Listener;

/// <summary>One connection admitted by <see cref="ConnectionGate"/>; its fields are guarded by the gate's lock.</summary>
internal sealed class Admission
{
    public Admission(IPAddress address, long admittedAt, Action close)
    {
        Address = address;
        AdmittedAt = admittedAt;
        Close = close;
    }

    public IPAddress Address { get; }

    /// <summary>A <see cref="TimeProvider"/> timestamp.</summary>
    public long AdmittedAt { get; }

    /// <summary>Closes the connection's socket.</summary>
    public Action Close { get; }

    /// <summary>Its place in the pending list while no CONNECT has arrived.</summary>
    public LinkedListNode<Admission>? Node { get; set; }

    public bool Released { get; set; }
}
