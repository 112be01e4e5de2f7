using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>The gateway (a real process) keeps its data directory 0700 and every file in it 0600.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Category", GatewayProcess.Category)]
public sealed class DataDirectoryModeTests : IDisposable
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempDir _dir = new("edgegw-modes");

    [Fact]
    public async Task A_fresh_data_directory_is_0700_and_the_databases_and_files_in_it_0600()
    {
        var data = Path.Combine(_dir.Path, "data");
        await using var gateway = await GatewayProcess.StartAsync(data);
        await using (var device = new RetryingDevice("pb-0001", gateway.Port))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await device.SendAsync("panic", cts.Token); // acked: in the buffer (and its WAL); then in the file sink
        }
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(data, "uplink.jsonl")), TimeSpan.FromSeconds(20), "the event in the file sink");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        var files = Directory.GetFiles(data).Select(Path.GetFileName).ToList();
        foreach (var name in new[] { "buffer.db", "registry.db", "commands.db", "uplink.jsonl" }) Assert.Contains(name, files);
        foreach (var file in Directory.GetFiles(data))
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} is {File.GetUnixFileMode(file)}, not 0600");
    }

    [Fact]
    public async Task A_data_directory_left_world_readable_by_an_older_gateway_is_tightened_at_start()
    {
        var data = Path.Combine(_dir.Path, "old");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, File.GetUnixFileMode(data) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var old = Path.Combine(data, "registry.db");
        await using (var gateway = await GatewayProcess.StartAsync(data))
        {
        }
        File.SetUnixFileMode(old, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // as 0644 installs left it

        await using var restarted = await GatewayProcess.StartAsync(data);

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(data) & GroupOrOther);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(old));
    }

    public void Dispose() => _dir.Dispose();
}
