using EdgeGateway.Registry;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>device add</c>: registers a device whose secret is kept in a file (for simulated devices and scripted
/// installs). A missing secret file is created with a fresh random secret (mode 600). Re-running with the same
/// id and a matching secret file succeeds without change, so the demo script can run it every time.
/// </summary>
internal static class DeviceAdd
{
    public static int Run(DeviceRegistry registry, string id, string type, string site, string? checkpoint, string secretFile, TextWriter output)
    {
        string secret;
        if (File.Exists(secretFile))
        {
            secret = File.ReadAllText(secretFile).Trim();
            if (SecretHasher.Problem(secret) is { } problem) throw new CliException($"secret file {secretFile}: {problem}");
        }
        else
        {
            secret = SecretHasher.NewSecret();
            var dir = Path.GetDirectoryName(Path.GetFullPath(secretFile))!;
            Directory.CreateDirectory(dir);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var w = new StreamWriter(new FileStream(secretFile, options));
            w.Write(secret + "\n");
        }
        if (registry.Find(id) is { } existing)
        {
            if (registry.SecretMatches(id, secret))
            {
                output.WriteLine($"{id} is already registered ({existing.State.ToString().ToLowerInvariant()}) with the secret in {secretFile}: nothing to do");
                return 0;
            }
            throw new CliException($"device id '{id}' is already in use with a different secret than {secretFile}");
        }
        try
        {
            registry.Add(id, type, site, checkpoint, secret, DateTimeOffset.UtcNow);
        }
        catch (DuplicateDeviceException)
        {
            throw new CliException($"device id '{id}' is already in use");
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
        }
        output.WriteLine($"registered {id} ({type}) at site {site}; its secret is in {secretFile} (not shown)");
        return 0;
    }
}
