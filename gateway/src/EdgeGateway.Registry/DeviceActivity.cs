using System.Collections.Concurrent;
using EdgeGateway.Core.Devices;

namespace EdgeGateway.Registry;

/// <summary>
/// Last-seen and last-heartbeat times collected in memory by the broker and written to the registry in one
/// transaction per flush (about once a second), so a connect or a heartbeat never waits on SQLite.
/// </summary>
internal sealed class DeviceActivity : IDeviceActivity
{
    private ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, DateTimeOffset> _heartbeats = new(StringComparer.Ordinal);

    public void Seen(string device, DateTimeOffset at) => _seen[device] = at;

    public void Heartbeat(string device, DateTimeOffset at) => _heartbeats[device] = at;

    /// <summary>Writes what was collected since the last flush.</summary>
    public void FlushTo(DeviceRegistry registry)
    {
        var seen = Interlocked.Exchange(ref _seen, new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        var heartbeats = Interlocked.Exchange(ref _heartbeats, new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        if (seen.IsEmpty && heartbeats.IsEmpty) return;
        registry.RecordActivity(seen, heartbeats);
    }
}
