using System.Text.Json;

namespace EdgeGateway.CloudBridge.Commands;

/// <summary>
/// How the cloud reaches into the gateway. The uplink turns C2D messages, direct methods and twin desired
/// properties into these calls; the gateway service implements them. Implementations validate their input and
/// answer with an error result rather than throwing.
/// </summary>
public interface ICloudCommandSink
{
    /// <summary>Dispatch acknowledged the alarm <paramref name="eventId"/>: send <c>ack</c> to its device.</summary>
    Task<CommandResult> AckAlarmAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Sound the local siren briefly so a technician can hear it works.</summary>
    Task<CommandResult> SirenTestAsync(TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>The gateway's current status (cheap; polled every few seconds).</summary>
    Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Applies a twin desired-properties document or patch at run time, without a restart.</summary>
    CommandResult ApplyDesired(JsonElement desired);
}
