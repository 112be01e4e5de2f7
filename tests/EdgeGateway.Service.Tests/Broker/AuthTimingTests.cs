using System.Diagnostics;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>Issue 14: a wrong secret costs the same time for an unknown id as for a known one (a dummy PBKDF2).</summary>
public sealed class AuthTimingTests : IAsyncLifetime
{
    private InProcessGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = await InProcessGateway.StartWithAuthAsync("--Broker:AuthFailureDelay=00:00:00");
        _gateway.Registry.Add("pb-0001", "panic-button", "test", null, SecretHasher.NewSecret(), DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<TimeSpan> MedianRefusalAsync(string id)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            var watch = Stopwatch.StartNew();
            using var socket = await RawMqtt.OpenAsync("127.0.0.1", _gateway.Port);
            await socket.SendAsync(RawMqtt.Connect(id, id, "wrong-secret-0123456789"));
            Assert.Equal((byte)4, await RawMqtt.ConnAckCodeAsync(socket, CancellationToken.None));
            times.Add(watch.Elapsed);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    [Fact]
    public async Task An_unknown_id_is_refused_as_slowly_as_a_known_id_with_a_wrong_secret()
    {
        var known = await MedianRefusalAsync("pb-0001");
        var unknown = await MedianRefusalAsync("pb-9999");
        // Without the dummy hash the unknown id answers in about a millisecond, the known one after a 100k-round PBKDF2.
        Assert.True(unknown >= known * 0.5, $"unknown id {unknown.TotalMilliseconds:0.0} ms, known id {known.TotalMilliseconds:0.0} ms");
        Assert.True(known >= TimeSpan.FromMilliseconds(5), $"known id {known.TotalMilliseconds:0.0} ms: no PBKDF2 measured");
    }
}
