namespace EdgeGateway.TestInfra;

/// <summary>Resident memory of a process, from <c>/proc/{pid}/status</c> (Linux).</summary>
public static class ProcessMemory
{
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kb * 1024;
        }
        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }

    /// <summary>Samples RSS every 20 ms until cancelled; returns the highest seen.</summary>
    public static async Task<long> PeakWhileAsync(int pid, CancellationToken until)
    {
        var peak = RssBytes(pid);
        try
        {
            while (!until.IsCancellationRequested)
            {
                await Task.Delay(20, until).ConfigureAwait(false);
                peak = Math.Max(peak, RssBytes(pid));
            }
        }
        catch (OperationCanceledException)
        {
        }
        return Math.Max(peak, RssBytes(pid));
    }
}
