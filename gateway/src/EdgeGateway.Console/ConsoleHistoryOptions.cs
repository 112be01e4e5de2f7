namespace EdgeGateway.Console;

/// <summary>Section <c>Console:History</c>: the history journal (<c>history.db</c>); its retention is <c>Console:HistoryDays</c> and <c>Console:HistoryMaxMb</c>.</summary>
public sealed class ConsoleHistoryOptions
{
    /// <summary>
    /// False: no history journal. Nothing is written to history.db (less SD-card wear and CPU on a small site); the
    /// History page and /api/v1/history answer 503 saying so. The buffer and the forwarding are the same either way.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
