namespace EdgeGateway.Core.Commands;

/// <summary>
/// Settings the cloud may change at run time (twin desired properties) without a restart and without touching
/// the buffer: the debounce windows and the heartbeat interval. Readers take the current value each time.
/// </summary>
public interface IRuntimeSettings
{
    /// <summary>Repeated panics from one device within this window become updates (G6).</summary>
    TimeSpan PanicWindow { get; }

    /// <summary>The same card at the same checkpoint within this window is one check-in (G6).</summary>
    TimeSpan CheckinWindow { get; }

    /// <summary>Devices' heartbeat interval; a device is offline after 3 × this without one (G8).</summary>
    TimeSpan HeartbeatInterval { get; }

    /// <summary>Raised after a change was applied.</summary>
    event Action<IRuntimeSettings>? Changed;
}
