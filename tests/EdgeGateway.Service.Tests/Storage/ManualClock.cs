namespace EdgeGateway.Service.Tests.Storage;

/// <summary>A wall clock the test sets (TTL is wall-clock time from receipt).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
