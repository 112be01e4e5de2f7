using System.Text.Json;
using EdgeGateway.Core.Supervision;

namespace EdgeGateway.Storage;

/// <summary>
/// <see cref="ISupervisionStore"/> as one small JSON file (<c>supervision.json</c>, owner-only) replaced atomically:
/// written to a temporary file, fsynced, then renamed over the old one, so a crash leaves either state whole.
/// </summary>
internal sealed class SupervisionStateFile : ISupervisionStore
{
    public const string FileName = "supervision.json";

    private readonly string _path;

    public SupervisionStateFile(string dataDirectory) => _path = Path.Combine(dataDirectory, FileName);

    public IReadOnlyList<SupervisedDevice> Load()
    {
        if (!File.Exists(_path)) return [];
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(_path), SupervisionStateJsonContext.Default.ListSupervisedDevice) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{_path} is not a supervision state file ({ex.Message})", ex);
        }
    }

    public void Save(IReadOnlyList<SupervisedDevice> devices)
    {
        var temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, devices, SupervisionStateJsonContext.Default.IReadOnlyListSupervisedDevice);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _path, overwrite: true);
    }
}
