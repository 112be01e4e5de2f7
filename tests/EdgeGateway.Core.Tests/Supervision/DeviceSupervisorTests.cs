using EdgeGateway.TestInfra.Fakes;

namespace EdgeGateway.Core.Tests.Supervision;

public class DeviceSupervisorTests
{
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);
    private readonly SupervisionRig _rig = new();

    [Fact]
    public async Task A_silent_device_goes_offline_after_exactly_three_intervals_with_last_seen_and_battery()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        _rig.Accepted("pb-1", "heartbeat", """{"battery_mv":3712,"rssi":-60}""");

        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180) - OneMs);
        Assert.Empty(_rig.Offline);
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180));

        var offline = Assert.Single(_rig.Offline);
        var data = RecordingBuffer.Data(offline);
        Assert.Equal("pb-1", data.GetProperty("device").GetString());
        Assert.Equal(SupervisionRig.T0.ToUnixTimeMilliseconds(), data.GetProperty("lastSeen").GetInt64());
        Assert.Equal(3712, data.GetProperty("battery_mv").GetInt32());
        Assert.Equal("gw-test", offline.Dev);
        Assert.False(Assert.Single(_rig.Supervisor.Current()).Online);
    }

    [Fact]
    public async Task An_offline_device_is_reported_once_and_online_again_when_it_shows_life()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180));
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(600));
        Assert.Single(_rig.Offline);
        Assert.Empty(_rig.Online);

        _rig.Accepted("pb-1", "heartbeat");
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(601));

        var online = Assert.Single(_rig.Online);
        Assert.Equal("pb-1", RecordingBuffer.Data(online).GetProperty("device").GetString());
        Assert.True(Assert.Single(_rig.Supervisor.Current()).Online);
    }

    [Fact]
    public async Task A_connection_recorded_by_the_registry_counts_as_life()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(120));
        _rig.Directory.Seen("pb-1", SupervisionRig.T0 + TimeSpan.FromSeconds(120));

        await _rig.CheckAtAsync(TimeSpan.FromSeconds(299));
        Assert.Empty(_rig.Offline);
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(300));
        Assert.Single(_rig.Offline);
    }

    [Fact]
    public async Task The_interval_is_per_device_type()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Directory.Add("cb-1", "beacon", SupervisionRig.T0);
        _rig.Start();

        await _rig.CheckAtAsync(TimeSpan.FromMinutes(15) - OneMs);
        Assert.Equal(["pb-1"], _rig.Offline.Select(e => RecordingBuffer.Data(e).GetProperty("device").GetString()));
        await _rig.CheckAtAsync(TimeSpan.FromMinutes(15));
        Assert.Equal(2, _rig.Offline.Count);
    }

    [Fact]
    public async Task Devices_never_seen_and_revoked_devices_are_not_supervised()
    {
        _rig.Directory.Add("pb-new", "panic-button", lastSeen: null);
        _rig.Directory.Add("pb-gone", "panic-button", SupervisionRig.T0);
        _rig.Directory.Revoke("pb-gone");
        _rig.Start();

        await _rig.CheckAtAsync(TimeSpan.FromHours(1));

        Assert.Empty(_rig.Buffer.Appended);
        Assert.Empty(_rig.Supervisor.Current());
    }

    [Fact]
    public async Task A_device_revoked_while_offline_is_forgotten_and_never_reported_back()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180));
        _rig.Directory.Revoke("pb-1");
        _rig.Directory.Seen("pb-1", SupervisionRig.T0 + TimeSpan.FromSeconds(200));

        await _rig.CheckAtAsync(TimeSpan.FromSeconds(201));

        Assert.Empty(_rig.Online);
        Assert.Empty(_rig.Supervisor.Current());
        Assert.Empty(_rig.Store.Saved);
    }

    [Fact]
    public async Task After_a_restart_every_device_gets_a_fresh_grace_period_instead_of_a_flood()
    {
        for (var i = 0; i < 20; i++) _rig.Directory.Add($"pb-{i}", "panic-button", SupervisionRig.T0);
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(10));

        // The gateway is down for an hour; the devices were silent all along.
        _rig.Time.SetUtcNow(SupervisionRig.T0 + TimeSpan.FromHours(1));
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(180) - OneMs);
        Assert.Empty(_rig.Offline);

        await _rig.CheckAtAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(180));
        Assert.Equal(20, _rig.Offline.Count);
    }

    [Fact]
    public async Task An_offline_device_stays_offline_across_a_restart_without_a_second_report_and_comes_back_once()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180));
        Assert.True(Assert.Single(_rig.Store.Saved).Offline);

        _rig.Time.SetUtcNow(SupervisionRig.T0 + TimeSpan.FromHours(1));
        _rig.Start();
        Assert.False(Assert.Single(_rig.Supervisor.Current()).Online);
        await _rig.CheckAtAsync(TimeSpan.FromHours(2));
        Assert.Single(_rig.Offline);

        _rig.Directory.Seen("pb-1", SupervisionRig.T0 + TimeSpan.FromHours(2));
        await _rig.CheckAtAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Single(_rig.Online);
        Assert.False(Assert.Single(_rig.Store.Saved).Offline);
    }

    [Fact]
    public async Task An_offline_report_the_buffer_refuses_is_retried_and_the_state_waits_for_it()
    {
        _rig.Directory.Add("pb-1", "panic-button", SupervisionRig.T0);
        _rig.Start();
        _rig.Buffer.Full = true;
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(180));
        Assert.True(Assert.Single(_rig.Supervisor.Current()).Online);

        _rig.Buffer.Full = false;
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(181));
        await _rig.CheckAtAsync(TimeSpan.FromSeconds(182));

        Assert.Single(_rig.Offline);
        Assert.False(Assert.Single(_rig.Supervisor.Current()).Online);
    }
}
