using System.Text;
using EdgeGateway.Core.Devices;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Registry;

public sealed class DeviceRegistryTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_763_900_000_000);
    private readonly TempDir _dir = new("registry");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_device_is_registered_and_verified_by_its_own_secret_only()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        var secret = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, secret, Now);

        Assert.Equal(VerifyResult.Ok, registry.Verify("pb-0001", secret));
        Assert.Equal(VerifyResult.WrongSecret, registry.Verify("pb-0001", secret + "x"));
        Assert.Equal(VerifyResult.UnknownDevice, registry.Verify("pb-0002", secret));
        var record = registry.Find("pb-0001")!;
        Assert.Equal(("panic-button", "ward-7", DeviceState.Active, Now), (record.Type, record.Site, record.State, record.Created));
        Assert.Null(record.LastSeen);
    }

    [Fact]
    public void An_id_already_in_use_is_refused_and_the_first_secret_still_holds()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        var first = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, first, Now);
        Assert.Throws<DuplicateDeviceException>(() => registry.Add("pb-0001", "panic-button", "ward-7", null, SecretHasher.NewSecret(), Now));
        Assert.Equal(VerifyResult.Ok, registry.Verify("pb-0001", first));
    }

    [Theory]
    [InlineData("bad id", "panic-button", "ward-7", "0123456789abcdef0123")]
    [InlineData("pb-1", "panic-button", "ward 7", "0123456789abcdef0123")]
    [InlineData("pb-1", "panic-button", "ward-7", "short")]
    [InlineData("pb-1", "panic-button", "ward-7", "has a space in it 0123")]
    public void Bad_ids_sites_and_weak_secrets_are_refused(string id, string type, string site, string secret)
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        Assert.Throws<ArgumentException>(() => registry.Add(id, type, site, null, secret, Now));
        Assert.Empty(registry.List());
    }

    [Fact]
    public void Revoked_devices_verify_as_revoked_and_are_listed_as_such()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        var secret = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, secret, Now);
        Assert.True(registry.Revoke("pb-0001"));
        Assert.False(registry.Revoke("pb-nope"));
        Assert.Equal(VerifyResult.Revoked, registry.Verify("pb-0001", secret));
        Assert.Contains("pb-0001", registry.RevokedIds());
        Assert.Empty(registry.ActiveMosquittoHashes());
    }

    [Fact]
    public void The_secret_never_reaches_the_database_file()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        var secret = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, secret, Now);
        var bytes = new List<byte>();
        foreach (var f in Directory.GetFiles(_dir.Path)) bytes.AddRange(File.ReadAllBytes(f));
        var text = Encoding.Latin1.GetString(bytes.ToArray());
        Assert.Contains("pb-0001", text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_secrets_carry_at_least_128_bits_and_differ()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => SecretHasher.NewSecret()).ToHashSet();
        Assert.Equal(50, secrets.Count);
        Assert.All(secrets, s => Assert.True(s.Length * 6 >= 128 && SecretHasher.Problem(s) is null));
    }

    [Fact]
    public void Activity_is_recorded_in_one_batch_and_never_goes_backwards()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        registry.Add("pb-0001", "panic-button", "ward-7", null, SecretHasher.NewSecret(), Now);
        var activity = new DeviceActivity();
        activity.Seen("pb-0001", Now.AddSeconds(5));
        activity.Heartbeat("pb-0001", Now.AddSeconds(9));
        activity.FlushTo(registry);
        activity.Seen("pb-0001", Now.AddSeconds(1)); // older: ignored
        activity.FlushTo(registry);
        var r = registry.Find("pb-0001")!;
        Assert.Equal(Now.AddSeconds(9), r.LastHeartbeat);
        Assert.Equal(Now.AddSeconds(9), r.LastSeen);
    }

    [Fact]
    public void A_cached_verification_does_not_survive_re_registration_with_a_new_secret()
    {
        var registry = DeviceRegistry.Open(_dir.Path);
        var auth = new DeviceAuthenticator(registry, Microsoft.Extensions.Logging.Abstractions.NullLogger<DeviceAuthenticator>.Instance);
        var old = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, old, Now);
        Assert.Equal(VerifyResult.Ok, auth.Verify("pb-0001", old));
        Assert.Equal(VerifyResult.Ok, auth.Verify("pb-0001", old)); // cached
        registry.Remove("pb-0001");
        var fresh = SecretHasher.NewSecret();
        registry.Add("pb-0001", "panic-button", "ward-7", null, fresh, Now);
        Assert.Equal(VerifyResult.WrongSecret, auth.Verify("pb-0001", old));
        Assert.Equal(VerifyResult.Ok, auth.Verify("pb-0001", fresh));
        registry.Revoke("pb-0001");
        Assert.Equal(VerifyResult.Revoked, auth.Verify("pb-0001", fresh));
    }

    [Fact]
    public void A_registry_made_before_labels_gets_the_column_and_keeps_its_devices()
    {
        var path = Path.Combine(_dir.Path, DeviceRegistry.FileName);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE devices(id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, site TEXT NOT NULL, checkpoint TEXT NULL,
                  secret_hash BLOB NOT NULL, salt BLOB NOT NULL, mosquitto_hash TEXT NOT NULL, state TEXT NOT NULL, created INTEGER NOT NULL,
                  last_seen INTEGER NULL, last_heartbeat INTEGER NULL);
                INSERT INTO devices VALUES('pb-old', 'panic-button', 'north', NULL, x'00', x'00', '$7$', 'active', 1763900000000, NULL, NULL);
                """;
            create.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var registry = DeviceRegistry.Open(_dir.Path);
        Assert.Null(registry.Find("pb-old")!.Label);
        Assert.True(registry.SetLabel("pb-old", "  Flat 12, 2nd floor "));
        Assert.Equal("Flat 12, 2nd floor", registry.Find("pb-old")!.Label);
        Assert.True(registry.SetLabel("pb-old", null));
        Assert.Null(registry.Find("pb-old")!.Label);
        Assert.False(registry.SetLabel("pb-none", "x"));
        Assert.Throws<ArgumentException>(() => registry.SetLabel("pb-old", new string('x', DeviceRegistry.MaxLabelLength + 1)));
    }
}
