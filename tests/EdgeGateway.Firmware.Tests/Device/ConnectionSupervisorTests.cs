using EdgeGateway.Firmware.Core.Device;

namespace EdgeGateway.Firmware.Tests.Device;

public sealed class ConnectionSupervisorTests
{
    [Fact]
    public void Failures_back_off_exponentially_up_to_the_cap_and_a_connection_resets_it()
    {
        var s = new ConnectionSupervisor(1_000, 8_000, 42);
        Assert.True(s.ShouldAttempt(0));
        var delays = new List<long>();
        for (var i = 0; i < 6; i++) { delays.Add(s.CurrentDelayMs); s.OnAttemptFailed(0); }
        Assert.Equal([1_000, 2_000, 4_000, 8_000, 8_000, 8_000], delays);
        Assert.False(s.ShouldAttempt(7_999));
        Assert.True(s.ShouldAttempt(8_000 + 2_000));
        s.OnConnected();
        Assert.False(s.ShouldAttempt(1_000_000));
        Assert.Equal(1_000, s.CurrentDelayMs);
        s.OnDisconnected(50_000);
        Assert.False(s.ShouldAttempt(50_999));
        Assert.True(s.ShouldAttempt(51_000));
    }
}
