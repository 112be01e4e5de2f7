namespace EdgeGateway.Core.Supervision;

/// <summary>Keeps supervision's per-device state across gateway restarts (implemented by the storage adapter).</summary>
public interface ISupervisionStore
{
    IReadOnlyList<SupervisedDevice> Load();

    /// <summary>Replaces the stored state durably (all or nothing).</summary>
    void Save(IReadOnlyList<SupervisedDevice> devices);
}
