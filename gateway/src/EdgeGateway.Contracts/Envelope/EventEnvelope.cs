namespace EdgeGateway.Contracts.Envelope;

/// <summary>
/// One event as SPEC.md defines it:
/// <c>{"v":1,"dev":"pb-0042","boot":17,"seq":1234,"type":"panic","ts":1763900000123,"sync":true,"data":{}}</c>.
/// </summary>
/// <param name="Data">The raw JSON of the <c>data</c> object, <c>{}</c> when absent.</param>
public sealed record EventEnvelope(
    int V,
    string Dev,
    long Boot,
    long Seq,
    string Type,
    long Ts,
    bool Sync,
    string Data)
{
    public const int CurrentVersion = 1;

    /// <summary>The largest envelope accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 1024;

    public EventId Id => new(Dev, Boot, Seq);

    public PriorityClass Priority => Priorities.Of(Type);
}
