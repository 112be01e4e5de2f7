using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Clock;
using EdgeGateway.Core.Events;
using EdgeGateway.Core.Supervision;
using EdgeGateway.TestInfra.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Core.Tests.Supervision;

public class GatewayStatusReporterTests
{
    [Fact]
    public async Task Gateway_status_reports_buffer_uplink_devices_and_clock_source_and_goes_out_as_P3_with_the_clocks_sync()
    {
        var rig = new SupervisionRig();
        rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        rig.Directory.Add("pb-2", "panic-button", SupervisionRig.T0 + TimeSpan.FromSeconds(100));
        rig.Start();
        await rig.CheckAtAsync(TimeSpan.FromSeconds(180));
        var clock = new ReferenceClock(rig.Time);
        var events = new GatewayEventEmitter(rig.Buffer, new GatewayIdentity("gw-test", 1), clock, () => clock.IsSynced);
        var reporter = new GatewayStatusReporter(rig.Buffer, new FakeUplink { State = UplinkState.Disconnected }, rig.Supervisor, clock, events,
            rig.Options, NullLogger<GatewayStatusReporter>.Instance);

        await reporter.ReportAsync(CancellationToken.None);

        var status = Assert.Single(rig.Buffer.OfType(EventTypes.GatewayStatus));
        var data = RecordingBuffer.Data(status);
        Assert.Equal(1, data.GetProperty("devices").GetProperty("online").GetInt32());
        Assert.Equal(1, data.GetProperty("devices").GetProperty("offline").GetInt32());
        Assert.Equal("disconnected", data.GetProperty("uplink").GetProperty("state").GetString());
        Assert.Equal("unsynced", data.GetProperty("clock").GetString());
        Assert.Equal(1, data.GetProperty("backlog").GetProperty("P3").GetInt64()); // the device_offline before it, in the fake's count
        Assert.False(status.Sync);
        Assert.Equal(Contracts.PriorityClass.P3, Contracts.Priorities.Of(status.Type));
    }
}
