using EdgeGateway.Core.Devices;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Cli.Tests;

/// <summary>`edgegw device add|list|show|revoke` against a registry file, as the demo script and technicians use them.</summary>
public sealed class DeviceCommandTests : IDisposable
{
    private readonly TempDir _dir = new("cli");

    public void Dispose() => _dir.Dispose();

    private Task<(int Code, string Output)> Run(params string[] args) => Proc.EdgegwAsync(["--data-dir", _dir.File("data"), .. args]);

    [Fact]
    public async Task Add_creates_a_secret_file_is_idempotent_and_refuses_a_different_secret()
    {
        var secretFile = _dir.File("sim/pb-0001.secret");
        var add = new[] { "device", "add", "--id", "pb-0001", "--type", "panic-button", "--site", "demo", "--secret-file", secretFile };
        var first = await Run(add);
        Assert.True(first.Code == 0, first.Output);
        var secret = (await File.ReadAllTextAsync(secretFile)).Trim();
        Assert.DoesNotContain(secret, first.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));

        var again = await Run(add);
        Assert.Equal(0, again.Code);
        Assert.Contains("already registered", again.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(secretFile, SecretHasher.NewSecret());
        var other = await Run(add);
        Assert.Equal(1, other.Code);
        Assert.Contains("already in use with a different secret", other.Output, StringComparison.Ordinal);
        Assert.Equal(VerifyResult.Ok, DeviceRegistry.Open(_dir.File("data")).Verify("pb-0001", secret));
    }

    [Fact]
    public async Task Add_accepts_only_known_device_types()
    {
        var toaster = await Run("device", "add", "--id", "t-1", "--type", "toaster", "--site", "demo", "--secret-file", _dir.File("t"));
        Assert.NotEqual(0, toaster.Code);
        Assert.Contains("'toaster' not recognized", toaster.Output, StringComparison.Ordinal);
        Assert.Contains("checkpoint-beacon", toaster.Output, StringComparison.Ordinal);
        Assert.Null(DeviceRegistry.Open(_dir.File("data")).Find("t-1"));
        var beacon = await Run("device", "add", "--id", "cb-1", "--type", "checkpoint-beacon", "--site", "demo", "--checkpoint", "cp-1", "--secret-file", _dir.File("b"));
        Assert.True(beacon.Code == 0, beacon.Output);
    }

    [Fact]
    public async Task List_show_and_revoke_report_plainly()
    {
        Assert.Equal(0, (await Run("device", "add", "--id", "pb-1", "--type", "panic-button", "--site", "demo", "--secret-file", _dir.File("a"))).Code);
        var list = await Run("device", "list");
        Assert.Contains("pb-1", list.Output, StringComparison.Ordinal);
        Assert.Contains("active", list.Output, StringComparison.Ordinal);
        var revoke = await Run("device", "revoke", "pb-1");
        Assert.Equal(0, revoke.Code);
        Assert.Contains("revoked", (await Run("device", "show", "pb-1")).Output, StringComparison.Ordinal);
        var missing = await Run("device", "revoke", "pb-nope");
        Assert.Equal(1, missing.Code);
        Assert.Contains("no device 'pb-nope' in the registry", missing.Output, StringComparison.Ordinal);
        var weak = await Run("device", "add", "--id", "pb-2", "--type", "panic-button", "--site", "demo", "--secret-file", WriteWeak());
        Assert.Equal(1, weak.Code);
        Assert.Contains("at least 16 characters", weak.Output, StringComparison.Ordinal);
    }

    private string WriteWeak()
    {
        var path = _dir.File("weak.secret");
        File.WriteAllText(path, "1234");
        return path;
    }
}
