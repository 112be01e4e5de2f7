namespace EdgeGateway.Core.Clock;

/// <summary>
/// The gateway's time for TTLs and its own events: the system clock plus an offset. While NTP is synchronised the
/// offset is zero; without NTP the clock adapter sets the offset to the real-time clock's reading, so a Pi that
/// booted with a wrong clock (no RTC of its own, no network) still stamps true time. Timers and elapsed-time
/// measurements use the monotonic timestamp, which the offset does not touch.
/// </summary>
public sealed class ReferenceClock : TimeProvider
{
    private readonly TimeProvider _system;
    private long _offsetTicks;
    private int _source;

    public ReferenceClock(TimeProvider system) => _system = system;

    public ClockSource Source => (ClockSource)Volatile.Read(ref _source);

    /// <summary>True when NTP or the RTC vouches for the time (the <c>sync</c> of gateway events).</summary>
    public bool IsSynced => Source != ClockSource.Unsynced;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The system clock as it is, without the offset.</summary>
    public DateTimeOffset SystemUtcNow => _system.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _system.GetUtcNow() + Offset;

    public override long GetTimestamp() => _system.GetTimestamp();

    public override long TimestampFrequency => _system.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _system.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _system.CreateTimer(callback, state, dueTime, period);

    /// <summary>Takes the system clock as it is (NTP synchronised, or nothing better known).</summary>
    public void UseSystem(ClockSource source) => Set(TimeSpan.Zero, source);

    /// <summary>Takes <paramref name="reference"/> (read from the RTC at <paramref name="systemAtRead"/>) as the true time.</summary>
    public void UseReference(DateTimeOffset reference, DateTimeOffset systemAtRead, ClockSource source) => Set(reference - systemAtRead, source);

    private void Set(TimeSpan offset, ClockSource source)
    {
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        Volatile.Write(ref _source, (int)source);
    }
}
