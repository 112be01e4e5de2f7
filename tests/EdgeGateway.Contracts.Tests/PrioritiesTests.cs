using EdgeGateway.Contracts.Envelope;

namespace EdgeGateway.Contracts.Tests;

public sealed class PrioritiesTests
{
    [Theory]
    [InlineData(EventTypes.Panic, PriorityClass.P0)]
    [InlineData(EventTypes.Cancel, PriorityClass.P0)]
    [InlineData(EventTypes.Tamper, PriorityClass.P1)]
    [InlineData(EventTypes.DeviceOffline, PriorityClass.P1)]
    [InlineData(EventTypes.CheckpointMissed, PriorityClass.P1)]
    [InlineData(EventTypes.GatewayTamper, PriorityClass.P1)]
    [InlineData(EventTypes.BatteryLow, PriorityClass.P1)]
    [InlineData(EventTypes.Checkin, PriorityClass.P2)]
    [InlineData(EventTypes.Test, PriorityClass.P2)]
    [InlineData(EventTypes.Boot, PriorityClass.P2)]
    [InlineData(EventTypes.CmdResult, PriorityClass.P2)]
    [InlineData(EventTypes.CheckpointLate, PriorityClass.P2)]
    [InlineData(EventTypes.DeviceOnline, PriorityClass.P2)]
    [InlineData(EventTypes.Heartbeat, PriorityClass.P3)]
    public void Each_type_has_its_spec_class(string type, PriorityClass expected) => Assert.Equal(expected, Priorities.Of(type));

    [Fact]
    public void Only_P2_and_P3_may_be_shed()
    {
        Assert.False(Priorities.IsSheddable(PriorityClass.P0));
        Assert.False(Priorities.IsSheddable(PriorityClass.P1));
        Assert.True(Priorities.IsSheddable(PriorityClass.P2));
        Assert.True(Priorities.IsSheddable(PriorityClass.P3));
    }
}
