using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Model;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Patrols;

/// <summary>
/// Keeps <c>patrols.json</c> loaded: read again when its time or size changes. A file with problems is refused as
/// a whole (each problem logged with its line) and the previous plan stays in force; rounds already open keep their
/// stops either way.
/// </summary>
internal sealed class PlanSource(string path, ILogger logger)
{
    private (DateTime Written, long Length)? _loaded;
    private bool _missingLogged;

    public string Path => path;

    public PatrolPlan Current { get; private set; } = PatrolPlan.Empty;

    public PatrolPlan Refresh(DateTimeOffset now)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            if (!_missingLogged) PatrolsLog.PlanMissing(logger, path);
            _missingLogged = true;
            _loaded = null;
            Current = PatrolPlan.Empty;
            return Current;
        }
        _missingLogged = false;
        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (_loaded == stamp) return Current;
        _loaded = stamp;
        try
        {
            Current = PlanParser.ParseFile(path, now);
            PatrolsLog.PlanLoaded(logger, path, Current.Checkpoints.Count, Current.Routes.Count, Current.Schedules.Count);
        }
        catch (PatrolConfigException ex)
        {
            foreach (var p in ex.Problems) PatrolsLog.PlanProblem(logger, p);
            PatrolsLog.PlanRefused(logger, path, ex.Problems.Count, Current.Schedules.Count > 0 ? "the previous routes and schedules stay in force" : "no rounds are scheduled");
        }
        catch (IOException ex)
        {
            _loaded = null; // half-written: try again on the next tick
            PatrolsLog.PlanProblem(logger, $"{path}: {ex.Message}");
        }
        return Current;
    }
}
