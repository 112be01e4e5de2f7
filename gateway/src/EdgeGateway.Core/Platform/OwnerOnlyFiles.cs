using System.Runtime.InteropServices;

namespace EdgeGateway.Core.Platform;

/// <summary>
/// Keeps the gateway's state private to its own user: the data directory holds device secrets' hashes, the
/// event buffer and the command queue. On Unix the process creates files 0600 and directories 0700 (umask 077,
/// which also covers SQLite's -wal/-shm files and anything a library creates), and the data directory and the
/// files in it are tightened to owner-only at start (an install from before this rule left them 0755/0644).
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Sets the process's umask to 077 (no-op on Windows). Call first thing in a host's Main.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows()) _ = NativeMethods.umask(0b000_111_111); // returns the previous mask; it cannot fail
    }

    /// <summary>Creates <paramref name="directory"/> 0700, or takes group and other access away from it and its files.</summary>
    public static void PrepareDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        var dir = Directory.CreateDirectory(directory, OwnerOnly);
        if ((dir.UnixFileMode & GroupOrOther) != 0) dir.UnixFileMode &= ~GroupOrOther;
        foreach (var file in dir.EnumerateFiles())
        {
            if (file.LinkTarget is null && (file.UnixFileMode & GroupOrOther) != 0) file.UnixFileMode &= ~GroupOrOther;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "umask")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint umask(uint mask);
    }
}
