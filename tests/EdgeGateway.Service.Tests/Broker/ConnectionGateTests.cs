using System.Net;
using EdgeGateway.Broker;
using EdgeGateway.Broker.Listener;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>Connection limits: sockets that never log in make room for new ones instead of keeping devices out.</summary>
public sealed class ConnectionGateTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    [Fact]
    public void A_new_connection_evicts_the_oldest_pending_one_of_its_address_and_never_a_logged_in_one()
    {
        var gate = new ConnectionGate(new BrokerLimitsOptions { MaxConnections = 10, MaxConnectionsPerAddress = 3, MaxPendingConnections = 10, MaxPendingPerAddress = 2 });
        var closed = new List<string>();
        var evicted = new List<Admission>();
        var loggedIn = gate.TryAdmit(A, 1, () => closed.Add("logged-in"), evicted, out _)!;
        gate.Promote(loggedIn);
        var first = gate.TryAdmit(A, 2, () => closed.Add("first"), evicted, out _);
        var second = gate.TryAdmit(A, 3, () => closed.Add("second"), evicted, out _);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Empty(evicted);
        var third = gate.TryAdmit(A, 4, () => closed.Add("third"), evicted, out _); // 3 open from A: the oldest pending goes
        Assert.NotNull(third);
        Assert.Same(first, Assert.Single(evicted));
        Assert.Equal(3, gate.Open);
        Assert.Equal(2, gate.Pending);
        Assert.NotNull(gate.TryAdmit(B, 5, () => { }, evicted, out _)); // another address is not affected
    }

    [Fact]
    public void When_only_logged_in_connections_fill_the_limit_a_new_one_is_refused()
    {
        var gate = new ConnectionGate(new BrokerLimitsOptions { MaxConnections = 2, MaxConnectionsPerAddress = 2, MaxPendingConnections = 2, MaxPendingPerAddress = 2 });
        var evicted = new List<Admission>();
        foreach (var address in new[] { A, B }) gate.Promote(gate.TryAdmit(address, 1, () => { }, evicted, out _)!);
        Assert.Null(gate.TryAdmit(B, 2, () => { }, evicted, out var refusal));
        Assert.Contains("Broker:Limits:MaxConnections", refusal, StringComparison.Ordinal);
        Assert.Empty(evicted);
    }

    [Fact]
    public void Pending_connections_older_than_the_cutoff_expire_and_released_ones_free_their_place()
    {
        var gate = new ConnectionGate(new BrokerLimitsOptions());
        var evicted = new List<Admission>();
        var old = gate.TryAdmit(A, 1, () => { }, evicted, out _)!;
        var young = gate.TryAdmit(A, 10, () => { }, evicted, out _)!;
        var expired = new List<Admission>();
        gate.ExpirePending(5, expired);
        Assert.Same(old, Assert.Single(expired));
        gate.Release(old); // idempotent after expiry
        gate.Release(young);
        Assert.Equal(0, gate.Open);
        Assert.Equal(0, gate.Pending);
    }
}
