namespace EdgeGateway.Core.Alarms;

/// <summary>
/// An unacknowledged alarm as the gateway holds it locally (SPEC: the first panic of a device since its last ack,
/// and every later panic or cancel of the same boot while it is held: seqs <see cref="FirstSeq"/>..<see cref="LatestSeq"/>).
/// </summary>
public sealed record LocalAlarm(string Device, long Boot, long FirstSeq, long LatestSeq, DateTimeOffset RaisedAt, bool Silenced)
{
    public string EventId => $"{Device}:{Boot}:{FirstSeq}";

    /// <summary>Whether an ack naming this event id acknowledges this alarm.</summary>
    public bool IsNamedBy(string device, long boot, long seq) =>
        device == Device && boot == Boot && seq >= FirstSeq && seq <= LatestSeq;
}
