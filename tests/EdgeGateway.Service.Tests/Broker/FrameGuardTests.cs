using EdgeGateway.Broker.Listener;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>The framing check that refuses an oversized packet from its fixed header alone.</summary>
public sealed class FrameGuardTests
{
    [Fact]
    public void A_connect_at_the_limit_passes_and_one_byte_more_is_refused_whatever_the_read_boundaries()
    {
        var atLimit = new FrameGuard(100, 200);
        byte[] header = [.. RawMqtt.Header(0x10, 100)];
        foreach (var b in header) Assert.True(atLimit.Inspect([b]));
        Assert.True(atLimit.Inspect(new byte[60]));
        Assert.False(atLimit.ConnectComplete);
        Assert.True(atLimit.Inspect(new byte[40]));
        Assert.True(atLimit.ConnectComplete);

        var over = new FrameGuard(100, 200);
        Assert.False(over.Inspect(RawMqtt.Header(0x10, 101)));
        Assert.Equal("oversize", over.ViolationKind);
        Assert.False(over.Inspect([0]));
    }

    [Fact]
    public void After_the_connect_the_packet_limit_applies_across_packets_in_one_read()
    {
        var guard = new FrameGuard(10, 200);
        byte[] stream = [.. RawMqtt.Header(0x10, 2), 0, 0, .. RawMqtt.Header(0x32, 200), .. new byte[200], 0xC0, 0x00, .. RawMqtt.Header(0x82, 201)];
        Assert.False(guard.Inspect(stream));
        Assert.True(guard.ConnectComplete);
        Assert.Contains("type 8 claims 201 bytes", guard.Violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remaining_length_of_five_bytes_is_malformed()
    {
        var guard = new FrameGuard(1000, 1000);
        Assert.False(guard.Inspect([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]));
        Assert.Equal("malformed", guard.ViolationKind);
    }
}
