using EdgeGateway.Core.Clock;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Gpio.Clock;

/// <summary>
/// Chooses where the gateway's time comes from (<see cref="ReferenceClock"/>): with NTP synchronised, the system
/// clock, and the RTC is set from it (at the first check with NTP, then every <see cref="RtcWriteEvery"/>); without
/// NTP, the RTC's time, read once when NTP is lost or at start, as an offset to the system clock; with neither,
/// the system clock as it is and gateway events carry <c>sync:false</c>. An RTC that does not answer is logged once
/// and left alone until it answers again.
/// </summary>
internal sealed class ClockKeeper : IDisposable
{
    public static readonly TimeSpan RtcWriteEvery = TimeSpan.FromHours(6);

    private readonly ReferenceClock _clock;
    private readonly INtpStatus _ntp;
    private readonly Func<Ds3231Rtc>? _openRtc;
    private readonly ClockOptions _options;
    private readonly ILogger _logger;
    private Ds3231Rtc? _rtc;
    private bool _rtcFailureLogged;
    private bool _lostTimeLogged;
    private DateTimeOffset? _rtcWrittenAt;
    private bool _checked;

    /// <param name="openRtc">Opens the DS3231; null when <c>Clock:Rtc</c> is off.</param>
    public ClockKeeper(ReferenceClock clock, INtpStatus ntp, Func<Ds3231Rtc>? openRtc, ClockOptions options, ILogger logger)
    {
        _clock = clock;
        _ntp = ntp;
        _openRtc = openRtc;
        _options = options;
        _logger = logger;
    }

    public void Check()
    {
        var before = _clock.Source;
        if (_ntp.IsSynchronized() == true)
        {
            _clock.UseSystem(ClockSource.Ntp);
            var now = _clock.SystemUtcNow;
            if (_rtcWrittenAt is not { } at || now - at >= RtcWriteEvery || now < at) WriteRtc(now);
        }
        else if (before != ClockSource.Rtc)
        {
            if (ReadRtc() is { } rtc) _clock.UseReference(rtc.Time, rtc.SystemAtRead, ClockSource.Rtc);
            else _clock.UseSystem(ClockSource.Unsynced);
        }
        if (_clock.Source != before || !_checked) ClockLog.Source(_logger, _clock.Source.ToString().ToLowerInvariant(), _clock.Offset);
        _checked = true;
    }

    private (DateTimeOffset Time, DateTimeOffset SystemAtRead)? ReadRtc()
    {
        var value = WithRtc(rtc => (rtc.Read(), _clock.SystemUtcNow));
        if (value is not { } v) return null;
        if (v.Item1 is { } time) return (time, v.Item2);
        if (!_lostTimeLogged) ClockLog.RtcLostTime(_logger);
        _lostTimeLogged = true;
        return null;
    }

    private void WriteRtc(DateTimeOffset now)
    {
        if (WithRtc(rtc =>
            {
                rtc.Write(now);
                return true;
            }) != true) return;
        _rtcWrittenAt = now;
        _lostTimeLogged = false;
        ClockLog.RtcSet(_logger, now);
    }

    /// <summary>Runs an RTC operation; null (logged once) when there is no RTC or it does not answer.</summary>
    private T? WithRtc<T>(Func<Ds3231Rtc, T> operation) where T : struct
    {
        if (_openRtc is null) return null;
        try
        {
            _rtc ??= _openRtc();
            var result = operation(_rtc);
            _rtcFailureLogged = false;
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException
            or PlatformNotSupportedException or DllNotFoundException)
        {
            if (!_rtcFailureLogged) ClockLog.RtcUnavailable(_logger, _options.I2cBus, _options.Address, ex.Message);
            _rtcFailureLogged = true;
            _rtc?.Dispose();
            _rtc = null;
            return null;
        }
    }

    public void Dispose() => _rtc?.Dispose();
}
