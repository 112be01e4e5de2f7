using System.Globalization;
using EdgeGateway.Service.Storage;

namespace EdgeGateway.Service.Commands;

/// <summary>
/// Read-only questions to the buffer's SQLite file over its own connection (WAL lets it read beside the writer):
/// has an event id reached this gateway, and how many events wait per priority class.
/// </summary>
internal sealed class BufferInspector
{
    private readonly string _path;

    public BufferInspector(string path) => _path = path;

    public bool HasSeen(string eventId)
    {
        if (!File.Exists(_path)) return false;
        using var c = SqliteSchema.Open(_path, readOnly: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM seen WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", eventId);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public Dictionary<string, long> BacklogByClass()
    {
        var result = new Dictionary<string, long> { ["P0"] = 0, ["P1"] = 0, ["P2"] = 0, ["P3"] = 0 };
        if (!File.Exists(_path)) return result;
        using var c = SqliteSchema.Open(_path, readOnly: true);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT prio, COUNT(*) FROM events GROUP BY prio";
        using var r = cmd.ExecuteReader();
        while (r.Read()) result["P" + r.GetInt64(0).ToString(CultureInfo.InvariantCulture)] = r.GetInt64(1);
        return result;
    }
}
