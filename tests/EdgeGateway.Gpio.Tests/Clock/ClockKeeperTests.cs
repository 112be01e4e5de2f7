using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Clock;
using EdgeGateway.Core.Events;
using EdgeGateway.Gpio.Clock;
using EdgeGateway.TestInfra;
using EdgeGateway.TestInfra.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Gpio.Tests.Clock;

public sealed class ClockKeeperTests : IDisposable
{
    private static readonly DateTime RtcTime = new(2026, 12, 6, 9, 30, 15, DateTimeKind.Utc);

    // A Pi without network after boot: its system clock starts near the epoch.
    private readonly FakeTimeProvider _system = new(new DateTimeOffset(1970, 1, 1, 0, 0, 42, TimeSpan.Zero));
    private readonly Ds3231Chip _chip = new();
    private readonly FakeNtp _ntp = new();
    private readonly CapturedLogs _logs = new();
    private readonly RecordingBuffer _buffer = new();
    private readonly ReferenceClock _clock;
    private readonly ClockKeeper _keeper;

    public ClockKeeperTests()
    {
        _clock = new ReferenceClock(_system);
        _keeper = new ClockKeeper(_clock, _ntp, () => new Ds3231Rtc(_chip), new ClockOptions { Rtc = true }, _logs.CreateLogger("clock"));
    }

    private sealed class FakeNtp : INtpStatus
    {
        public bool? Synchronized { get; set; } = false;

        public bool? IsSynchronized() => Synchronized;
    }

    private async Task<EventEnvelope> EmitAsync()
    {
        var events = new GatewayEventEmitter(_buffer, new GatewayIdentity("gw-test", 1), _clock, () => _clock.IsSynced);
        await events.EmitAsync(EventTypes.GatewayStatus, "{}", CancellationToken.None);
        return _buffer.Appended[^1];
    }

    [Fact]
    public async Task Without_NTP_the_RTCs_time_is_the_gateways_time_and_its_events_are_synced()
    {
        _chip.Hold(RtcTime);
        _chip.OscillatorStopped = false;

        _keeper.Check();
        _system.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(ClockSource.Rtc, _clock.Source);
        var e = await EmitAsync();
        Assert.Equal(new DateTimeOffset(RtcTime).AddSeconds(10).ToUnixTimeMilliseconds(), e.Ts);
        Assert.True(e.Sync);
    }

    [Fact]
    public async Task An_RTC_that_lost_its_time_is_not_trusted_and_once_NTP_syncs_it_is_written_in_BCD_and_its_stop_flag_cleared()
    {
        _chip.Hold(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _keeper.Check();
        Assert.Equal(ClockSource.Unsynced, _clock.Source);
        Assert.False((await EmitAsync()).Sync);

        _system.SetUtcNow(new DateTimeOffset(2026, 12, 6, 10, 11, 12, TimeSpan.Zero));
        _ntp.Synchronized = true;
        _keeper.Check();

        Assert.Equal(ClockSource.Ntp, _clock.Source);
        Assert.Equal([0x12, 0x11, 0x10], new[] { _chip[0], _chip[1], _chip[2] });
        Assert.Equal([0x06, 0x12, 0x26], new[] { _chip[4], (byte)(_chip[5] & 0x1F), _chip[6] });
        Assert.False(_chip.OscillatorStopped);
        Assert.True((await EmitAsync()).Sync);
        Assert.Contains(_logs.Entries, l => l.Message.Contains("real-time clock set from NTP", StringComparison.Ordinal));
    }

    [Fact]
    public void An_RTC_last_set_by_hwclock_without_the_century_bit_reads_as_this_century()
    {
        _chip.Hold(RtcTime, centuryBit: false);
        _chip.OscillatorStopped = false;

        _keeper.Check();

        Assert.Equal(new DateTimeOffset(RtcTime), _clock.GetUtcNow());
    }

    [Fact]
    public void When_NTP_is_lost_the_RTC_set_earlier_takes_over()
    {
        _system.SetUtcNow(new DateTimeOffset(RtcTime));
        _ntp.Synchronized = true;
        _keeper.Check();
        Assert.Equal(RtcTime, _chip.Held());

        _ntp.Synchronized = false;
        _keeper.Check();

        Assert.Equal(ClockSource.Rtc, _clock.Source);
        Assert.InRange(_clock.GetUtcNow() - new DateTimeOffset(RtcTime), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task An_RTC_that_does_not_answer_is_logged_once_and_the_gateway_goes_on_with_the_system_clock()
    {
        _chip.Answering = false;

        for (var i = 0; i < 3; i++)
        {
            _keeper.Check();
            _system.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(ClockSource.Unsynced, _clock.Source);
        Assert.Single(_logs.Entries, l => l.Message.Contains("does not answer on I2C bus 1 at 0x68", StringComparison.Ordinal));
        var e = await EmitAsync();
        Assert.False(e.Sync);
        Assert.Equal(_system.GetUtcNow().ToUnixTimeMilliseconds(), e.Ts);
        Assert.True(_chip.Transfers >= 3); // it was asked each time, and logged only once
    }

    [Fact]
    public void The_kernels_NTP_state_can_be_read_without_privilege_on_Linux()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.NotNull(new KernelNtpStatus().IsSynchronized());
    }

    public void Dispose() => _keeper.Dispose();
}
