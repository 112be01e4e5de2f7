namespace EdgeGateway.Core.Clock;

/// <summary>What the gateway's time is taken from right now.</summary>
public enum ClockSource
{
    /// <summary>Neither NTP nor a real-time clock vouches for the time: gateway events carry <c>sync:false</c>.</summary>
    Unsynced = 0,

    /// <summary>The system clock, synchronised by NTP.</summary>
    Ntp,

    /// <summary>The battery-backed real-time clock (DS3231), read while NTP is not synchronised.</summary>
    Rtc,
}
