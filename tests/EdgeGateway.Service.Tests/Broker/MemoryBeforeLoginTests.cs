using System.Net.Sockets;
using System.Text;
using EdgeGateway.Registry;
using EdgeGateway.TestInfra;
using Xunit.Abstractions;

namespace EdgeGateway.Service.Tests.Broker;

/// <summary>
/// Issue 14: what a client can make the gateway hold before it logs in is bounded. A real gateway process gets 2,000
/// sockets that never send a CONNECT and 50 that announce a 256 MB CONNECT; its resident memory stays within 30 MB
/// of idle and a real device still connects and gets its panic acked.
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class MemoryBeforeLoginTests(ITestOutputHelper output)
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public async Task Silent_sockets_and_256_MB_claims_cost_little_memory_and_a_real_device_still_gets_its_panic_acked()
    {
        using var dir = new TempDir("memory");
        var secret = SecretHasher.NewSecret();
        DeviceRegistry.Open(dir.Path).Add("pb-0001", "panic-button", "test", null, secret, DateTimeOffset.UtcNow);
        await using var gateway = await GatewayProcess.StartAsync(dir.Path, "--Broker:RequireAuth=true");
        var pid = gateway.Pid!.Value;

        Assert.Equal((byte)0, await PanicAckedAsync(gateway.Port, secret, seq: 1)); // warm: JIT, SQLite, registry cache
        var idle = ProcessMemory.RssBytes(pid);

        using var sampling = new CancellationTokenSource();
        var peakTask = ProcessMemory.PeakWhileAsync(pid, sampling.Token);
        var sockets = new List<Socket>();
        try
        {
            for (var batch = 0; batch < 20; batch++)
            {
                var opened = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => RawMqtt.OpenAsync($"127.0.0.{10 + i}", gateway.Port)));
                sockets.AddRange(opened);
            }
            for (var i = 0; i < 50; i++)
            {
                var claim = await RawMqtt.OpenAsync($"127.0.1.{1 + i}", gateway.Port);
                sockets.Add(claim);
                await claim.SendAsync(RawMqtt.Header(0x10, 268_435_455)); // the largest remaining length MQTT can express
                await claim.SendAsync(new byte[64 * 1024]); // and some of the body
            }
            Assert.Equal((byte)0, await PanicAckedAsync(gateway.Port, secret, seq: 2));
        }
        finally
        {
            await sampling.CancelAsync();
            foreach (var s in sockets) s.Dispose();
        }
        var peak = await peakTask;
        output.WriteLine($"RSS idle {idle / Mb} MB, peak {peak / Mb} MB, after {ProcessMemory.RssBytes(pid) / Mb} MB");

        // Unguarded, the 50 claims alone would reserve 50 x 256 MB. A silent socket costs only its admission until its
        // first byte (no stream, buffers or MQTT session before it): measured growth 10-14 MB with the machine's load
        // average at 13-17 (it was 18-32 MB when each socket got its MQTT adapter at accept).
        Assert.True(peak - idle <= 30 * Mb, $"RSS idle {idle / Mb} MB, peak {peak / Mb} MB under 2,000 silent sockets and 50 x 256 MB claims");
        var log = gateway.Log;
        Assert.Contains("it had not sent a CONNECT and a newer connection needed its place", log, StringComparison.Ordinal);
        Assert.Contains("a CONNECT claims 268435455 bytes, more than Broker:Limits:MaxConnectPacketBytes (4096)", log, StringComparison.Ordinal);
    }

    /// <returns>The PUBACK's packet id low byte check: 0 when a CONNACK 0 and a PUBACK for the panic came back.</returns>
    private static async Task<byte> PanicAckedAsync(int port, string secret, int seq)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = await RawMqtt.OpenAsync("127.0.0.1", port, timeout.Token);
        await socket.SendAsync(RawMqtt.Connect("pb-0001", "pb-0001", secret), timeout.Token);
        var code = await RawMqtt.ConnAckCodeAsync(socket, timeout.Token);
        if (code != 0) return code ?? 0xFF;
        var envelope = "{\"v\":1,\"dev\":\"pb-0001\",\"boot\":1,\"seq\":" + seq + ",\"type\":\"panic\",\"ts\":1763900000123,\"data\":{}}";
        await socket.SendAsync(RawMqtt.Publish("sec/v1/pb-0001/evt", Encoding.UTF8.GetBytes(envelope)), timeout.Token);
        var ack = await RawMqtt.ReadPacketAsync(socket, timeout.Token);
        return ack is [0x40, 2, 0, 1] ? (byte)0 : (byte)0xFE;
    }
}
