using System.Diagnostics;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>
/// Issue 14: failed logins are slowed, never turned into a refusal of the right secret. Clients connect over raw
/// sockets so the attacker can come from 127.0.0.2 while the real device connects from 127.0.0.1.
/// </summary>
public sealed class AuthUnderAttackTests : IAsyncLifetime
{
    private const string Wrong = "wrong-secret-0123456789";
    private readonly string _secret = SecretHasher.NewSecret();
    private readonly string _otherSecret = SecretHasher.NewSecret();
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync("--Broker:AuthFailureDelay=00:00:00.100", "--Broker:AuthFailureDelayMax=00:00:00.400");
        _gateway.Registry.Add("pb-0001", "panic-button", "test", null, _secret, DateTimeOffset.UtcNow);
        _gateway.Registry.Add("pb-0002", "panic-button", "test", null, _otherSecret, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <returns>The CONNACK code (0 accepted, 4 bad user name or password, 5 not authorized) and how long it took.</returns>
    private async Task<(byte? Code, TimeSpan Took)> LoginAsync(string from, string id, string secret, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var socket = await RawMqtt.OpenAsync(from, _gateway.Port, cancellationToken);
        await socket.SendAsync(RawMqtt.Connect(id, id, secret), cancellationToken);
        var code = await RawMqtt.ConnAckCodeAsync(socket, cancellationToken);
        return (code, watch.Elapsed);
    }

    [Fact]
    public async Task The_real_device_connects_every_second_while_an_attacker_sends_wrong_secrets_for_its_id_from_another_address()
    {
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        var refused = 0;
        async Task AttackAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var (code, _) = await LoginAsync("127.0.0.2", "pb-0001", Wrong, stop.Token);
                    Interlocked.Increment(ref attempts);
                    if (code == 4) Interlocked.Increment(ref refused);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            }
        }
        var attackers = Enumerable.Range(0, 4).Select(_ => Task.Run(AttackAsync)).ToArray();
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) >= 20, TimeSpan.FromSeconds(30), "the attack to be under way");

        var took = new List<TimeSpan>();
        using var everySecond = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 8; i++)
        {
            var (code, elapsed) = await LoginAsync("127.0.0.1", "pb-0001", _secret);
            Assert.Equal((byte)0, code);
            took.Add(elapsed);
            await everySecond.WaitForNextTickAsync();
        }
        await stop.CancelAsync();
        await Task.WhenAll(attackers);

        Assert.All(took, t => Assert.True(t < TimeSpan.FromSeconds(1), $"a real connect took {t.TotalMilliseconds:0} ms"));
        Assert.True(attempts >= 40, $"the attacker made only {attempts} attempts");
        Assert.Equal(attempts, refused);
        var lines = _gateway.Logs.Entries.Count(e => e.Message.Contains("refused pb-0001", StringComparison.Ordinal));
        Assert.Equal(1, lines); // once a minute per id, however many failures
    }

    [Fact]
    public async Task Another_device_behind_the_attackers_address_still_connects_at_once()
    {
        for (var i = 0; i < 10; i++) Assert.Equal((byte)4, (await LoginAsync("127.0.0.2", "pb-0001", Wrong)).Code);
        var (code, took) = await LoginAsync("127.0.0.2", "pb-0002", _otherSecret);
        Assert.Equal((byte)0, code);
        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Each_failure_waits_longer_up_to_the_bound()
    {
        var took = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var (code, elapsed) = await LoginAsync("127.0.0.3", "pb-0002", Wrong);
            Assert.Equal((byte)4, code);
            took.Add(elapsed);
        }
        // 100, 200, 400, 400, 400 ms configured, plus the PBKDF2 check.
        Assert.True(took[0] >= TimeSpan.FromMilliseconds(100), $"first failure took {took[0].TotalMilliseconds:0} ms");
        Assert.True(took[2] >= TimeSpan.FromMilliseconds(400), $"third failure took {took[2].TotalMilliseconds:0} ms");
        Assert.True(took[4] < TimeSpan.FromMilliseconds(400 + 1500), $"fifth failure took {took[4].TotalMilliseconds:0} ms: not bounded");
    }
}
