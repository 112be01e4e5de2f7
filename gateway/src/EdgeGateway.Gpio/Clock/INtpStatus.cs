namespace EdgeGateway.Gpio.Clock;

/// <summary>Whether the system clock is synchronised by NTP right now (null: cannot tell).</summary>
public interface INtpStatus
{
    bool? IsSynchronized();
}
