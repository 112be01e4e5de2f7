using System.Net;

namespace EdgeGateway.Broker.Listener;

/// <summary>
/// Admits TCP connections within <see cref="BrokerLimitsOptions"/>: open connections in all and per address, and
/// connections still waiting for their CONNECT ("pending") in all and per address. When a limit is reached the
/// oldest pending connection (of that address, or at all) is closed to make room, so sockets that never log in cannot
/// keep a device out; only when nothing is pending is the new connection refused. Pending connections older than
/// the connect timeout are closed by <see cref="ExpirePending"/>.
/// </summary>
internal sealed class ConnectionGate
{
    private readonly BrokerLimitsOptions _limits;
    private readonly Lock _lock = new();
    private readonly LinkedList<Admission> _pending = new();
    private readonly Dictionary<IPAddress, Counts> _byAddress = new();
    private int _open;

    public ConnectionGate(BrokerLimitsOptions limits)
    {
        _limits = limits;
    }

    public int Open { get { lock (_lock) return _open; } }

    public int Pending { get { lock (_lock) return _pending.Count; } }

    /// <returns>The admission, or null (with the reason) when the connection must be refused.</returns>
    /// <param name="close">Closes the connection when it is evicted or times out.</param>
    /// <param name="evicted">Pending connections closed to make room (their <see cref="Admission.Close"/> to be called by the caller, outside the lock).</param>
    public Admission? TryAdmit(IPAddress address, long now, Action close, List<Admission> evicted, out string? refusal)
    {
        refusal = null;
        lock (_lock)
        {
            var counts = CountsOf(address);
            if (counts.Open >= _limits.MaxConnectionsPerAddress && !EvictOldest(address, evicted))
            {
                refusal = $"{counts.Open} connections from {address} (Broker:Limits:MaxConnectionsPerAddress)";
                return null;
            }
            if (_open >= _limits.MaxConnections && !EvictOldest(null, evicted))
            {
                refusal = $"{_open} connections open (Broker:Limits:MaxConnections)";
                return null;
            }
            if (counts.Pending >= _limits.MaxPendingPerAddress) EvictOldest(address, evicted);
            if (_pending.Count >= _limits.MaxPendingConnections) EvictOldest(null, evicted);
            var admission = new Admission(address, now, close);
            admission.Node = _pending.AddLast(admission);
            counts = CountsOf(address); // an eviction above may have dropped the address's entry
            counts.Open++;
            counts.Pending++;
            _open++;
            return admission;
        }
    }

    /// <summary>The connection's CONNECT has arrived: it no longer counts as pending.</summary>
    public void Promote(Admission admission)
    {
        lock (_lock)
        {
            if (admission.Node is null) return;
            _pending.Remove(admission.Node);
            admission.Node = null;
            CountsOf(admission.Address).Pending--;
        }
    }

    /// <summary>The connection has closed (idempotent).</summary>
    public void Release(Admission admission)
    {
        lock (_lock)
        {
            if (admission.Released) return;
            Forget(admission);
        }
    }

    /// <summary>Removes pending connections admitted before <paramref name="cutoff"/>; the caller closes them.</summary>
    public void ExpirePending(long cutoff, List<Admission> expired)
    {
        lock (_lock)
        {
            while (_pending.First is { } oldest && oldest.Value.AdmittedAt < cutoff)
            {
                expired.Add(oldest.Value);
                Forget(oldest.Value);
            }
        }
    }

    private bool EvictOldest(IPAddress? address, List<Admission> evicted)
    {
        for (var node = _pending.First; node is not null; node = node.Next)
        {
            if (address is not null && !node.Value.Address.Equals(address)) continue;
            evicted.Add(node.Value);
            Forget(node.Value);
            return true;
        }
        return false;
    }

    private void Forget(Admission admission)
    {
        var counts = CountsOf(admission.Address);
        if (admission.Node is not null)
        {
            _pending.Remove(admission.Node);
            admission.Node = null;
            counts.Pending--;
        }
        admission.Released = true;
        counts.Open--;
        _open--;
        if (counts.Open == 0) _byAddress.Remove(admission.Address);
    }

    private Counts CountsOf(IPAddress address)
    {
        if (!_byAddress.TryGetValue(address, out var counts)) _byAddress[address] = counts = new Counts();
        return counts;
    }

    private sealed class Counts
    {
        public int Open;
        public int Pending;
    }
}
