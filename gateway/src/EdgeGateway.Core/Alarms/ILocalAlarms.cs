namespace EdgeGateway.Core.Alarms;

/// <summary>
/// The alarms not yet acknowledged at this gateway, for the siren, the red LED and the ward console. An ack through
/// the gateway's command handling (cloud, console, CLI) clears an alarm; <see cref="Silence"/> only quiets the siren.
/// </summary>
public interface ILocalAlarms
{
    IReadOnlyList<LocalAlarm> Current();

    /// <summary>Silences the siren for every alarm held now (a later new alarm sounds again); the alarms stay unacknowledged.</summary>
    /// <param name="source">Who silenced it, for the log: <c>button</c>, <c>console</c>, …</param>
    void Silence(string source);

    /// <summary>Raised after an alarm was raised, extended, silenced or acknowledged.</summary>
    event Action? Changed;
}
