namespace EdgeGateway.Storage;

/// <summary>
/// A file of real bytes kept beside the buffer (<c>buffer.db.reserve</c>, 1 MB). On a full disk even shedding needs
/// room (SQLite writes the deletes to its WAL and checkpoints into the database file), so the reserve is given up
/// first; it is taken again when space is back. Writer thread only.
/// </summary>
internal sealed class DiskReserve
{
    public const int Bytes = 1024 * 1024;

    private readonly string _path;

    public DiskReserve(string bufferPath)
    {
        _path = Path.GetFullPath(bufferPath) + ".reserve";
    }

    public bool Held => File.Exists(_path);

    /// <summary>Gives the reserve's space back to the filesystem; true when there was one.</summary>
    public bool Release()
    {
        if (!File.Exists(_path)) return false;
        File.Delete(_path);
        return true;
    }

    /// <summary>Takes the reserve (again) if it is missing; false when the disk has no room for it yet.</summary>
    public bool TryTake()
    {
        if (Held) return true;
        try
        {
            using var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.WriteThrough);
            file.Write(new byte[Bytes]); // written, not just sized: a sparse file would reserve nothing
            return true;
        }
        catch (IOException)
        {
            try { File.Delete(_path); } catch (IOException) { }
            return false;
        }
    }
}
