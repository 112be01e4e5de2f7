using System.Runtime.InteropServices;

namespace EdgeGateway.Core.Platform;

/// <summary>
/// Lowers the calling thread's CPU priority, for background work that must never take a core from ingest (the history
/// journal). On Linux <see cref="Thread.Priority"/> does nothing for ordinary threads, so this sets the thread's nice
/// value (setpriority(2) on its thread id; raising one's own nice needs no privilege). Elsewhere it uses
/// <see cref="ThreadPriority.BelowNormal"/>.
/// </summary>
public static class LowPriority
{
    private const int PrioProcess = 0;

    /// <param name="nice">1 (a little below normal) to 19 (only when nothing else wants the core).</param>
    /// <returns>False if the system refused (the thread then runs at normal priority).</returns>
    public static bool ApplyToCurrentThread(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return true;
        }
        return NativeMethods.setpriority(PrioProcess, NativeMethods.gettid(), nice) == 0;
    }

    /// <summary>The nice value of the calling thread (Linux; 0 elsewhere).</summary>
    public static int CurrentThreadNice()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var stat = File.ReadAllText($"/proc/self/task/{NativeMethods.gettid()}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture); // field 19 of stat(5): nice
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "gettid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int gettid();

        [DllImport("libc", EntryPoint = "setpriority")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setpriority(int which, int who, int prio);
    }
}
