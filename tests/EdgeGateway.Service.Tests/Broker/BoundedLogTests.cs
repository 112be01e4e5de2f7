using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>
/// Issue 14: a device in a reconnect loop (or a scan of bad client ids) must not fill a Pi's SD card. A real gateway
/// process at its default log level takes 10,000 connect cycles and 1,000 connects with invalid client ids; its
/// log grows by at most 100 lines.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class BoundedLogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_connect_cycles_write_a_bounded_number_of_log_lines()
    {
        using var dir = new TempDir("logs");
        var secret = SecretHasher.NewSecret();
        DeviceRegistry.Open(dir.Path).Add("pb-0001", "panic-button", "test", null, secret, DateTimeOffset.UtcNow);
        await using var gateway = await GatewayProcess.StartAsync(dir.Path, "--Broker:RequireAuth=true", "--Logging:LogLevel:Default=Information");
        await Eventually.TrueAsync(() => gateway.Log.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the start lines");
        var before = Lines(gateway.Log);

        var cycles = 0;
        async Task LoopAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var socket = await RawMqtt.OpenAsync("127.0.0.1", gateway.Port);
                await socket.SendAsync(RawMqtt.Connect("pb-0001", "pb-0001", secret));
                Assert.Equal((byte)0, await RawMqtt.ConnAckCodeAsync(socket, CancellationToken.None));
                await socket.SendAsync(new byte[] { 0xE0, 0x00 }); // DISCONNECT
                Interlocked.Increment(ref cycles);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => LoopAsync(2_500))));
        for (var i = 0; i < 1_000; i++)
        {
            using var socket = await RawMqtt.OpenAsync("127.0.0.1", gateway.Port);
            await socket.SendAsync(RawMqtt.Connect("bad id " + i, null, null));
            Assert.Equal((byte)2, await RawMqtt.ConnAckCodeAsync(socket, CancellationToken.None)); // identifier rejected
        }

        var added = Lines(gateway.Log) - before;
        output.WriteLine($"{cycles} connect cycles + 1,000 bad ids: {added} log lines");
        Assert.Equal(10_000, cycles);
        Assert.True(added <= 100, $"{added} log lines for {cycles} connects:\n{gateway.Log[^Math.Min(gateway.Log.Length, 3000)..]}");
    }

    private static int Lines(string log) => log.Count(c => c == '\n');
}
