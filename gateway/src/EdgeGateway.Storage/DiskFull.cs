using Microsoft.Data.Sqlite;

namespace EdgeGateway.Storage;

/// <summary>Recognises "no space left on the device" as SQLite (SQLITE_FULL) or the OS (ENOSPC) reports it.</summary>
internal static class DiskFull
{
    private const int SqliteFull = 13;
    private const int ENOSPC = 28;

    public static bool Is(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode == SqliteFull || (s.SqliteExtendedErrorCode & 0xFF) == SqliteFull,
        IOException io => (io.HResult & 0xFFFF) == ENOSPC || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase),
        _ => ex.InnerException is { } inner && Is(inner),
    };
}
