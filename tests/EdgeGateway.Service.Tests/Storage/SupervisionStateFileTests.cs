using EdgeGateway.Core.Supervision;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Storage;

public sealed class SupervisionStateFileTests : IDisposable
{
    private readonly TempDir _dir = new("supervision");

    [Fact]
    public void The_state_survives_a_new_instance_and_the_file_is_owner_only()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_796_549_425_123);
        new SupervisionStateFile(_dir.Path).Save([new SupervisedDevice("pb-1", "panic-button", at, 3650, Offline: true),
            new SupervisedDevice("cb-1", "beacon", at, null, Offline: false)]);

        var loaded = new SupervisionStateFile(_dir.Path).Load();

        Assert.Equal([new SupervisedDevice("pb-1", "panic-button", at, 3650, true), new SupervisedDevice("cb-1", "beacon", at, null, false)], loaded);
        var path = Path.Combine(_dir.Path, SupervisionStateFile.FileName);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void No_file_is_an_empty_state_and_a_damaged_file_is_a_clear_error()
    {
        var store = new SupervisionStateFile(_dir.Path);
        Assert.Empty(store.Load());

        File.WriteAllText(Path.Combine(_dir.Path, SupervisionStateFile.FileName), "{not json");

        var ex = Assert.Throws<InvalidDataException>(store.Load);
        Assert.Contains("is not a supervision state file", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
