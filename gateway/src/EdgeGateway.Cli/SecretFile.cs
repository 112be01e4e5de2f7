namespace EdgeGateway.Cli;

/// <summary>Files holding a secret (device secret, operator password): read trimmed, or created new with mode 600.</summary>
internal static class SecretFile
{
    public static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;

    /// <summary>Creates the file (and its directory) readable and writable by its owner only; fails if it exists.</summary>
    public static void Create(string path, string secret)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var w = new StreamWriter(new FileStream(path, options));
        w.Write(secret + "\n");
    }
}
