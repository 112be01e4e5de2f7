namespace EdgeGateway.TestInfra;

/// <summary>Unix signals to a process the test started (Process.Kill only sends SIGKILL).</summary>
public static class Signals
{
    /// <summary>SIGTERM: what systemd sends on stop; the gateway shuts down in order.</summary>
    public static void Terminate(int pid)
    {
        if (NativeMethods.Kill(pid, 15) != 0) throw new InvalidOperationException($"kill({pid}, SIGTERM) failed");
    }
}
