namespace EdgeGateway.EndToEnd.Tests.Release;

/// <summary>The release tests run alone: publishing and qemu take both cores, which would skew timing-sensitive tests beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArmReleaseGroup
{
    public const string Name = "arm64 release";
}
