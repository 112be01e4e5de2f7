using EdgeGateway.Core.Supervision;

namespace EdgeGateway.Core.Tests.Fakes;

/// <summary>An in-memory <see cref="ISupervisionStore"/> that outlives the supervisors of a test (a restart keeps it).</summary>
internal sealed class MemorySupervisionStore : ISupervisionStore
{
    public IReadOnlyList<SupervisedDevice> Saved { get; private set; } = [];

    public int Saves { get; private set; }

    public IReadOnlyList<SupervisedDevice> Load() => Saved;

    public void Save(IReadOnlyList<SupervisedDevice> devices)
    {
        Saved = [.. devices];
        Saves++;
    }
}
