using EdgeGateway.TestInfra;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>
/// The gateway as a real process under a test-made NOTIFY_SOCKET, as systemd would run it with WatchdogSec=1:
/// it says READY=1, feeds the watchdog, and stops feeding it when the buffer's writer thread really stalls,
/// because another connection holds SQLite's write lock on the real buffer.db (BEGIN EXCLUSIVE).
/// </summary>
[Trait("Category", GatewayProcess.Category)]
public sealed class SystemdWatchdogTests : IDisposable
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);
    private readonly TempDir _dir = new("edgegw-watchdog");

    [Fact]
    public async Task Watchdog_is_fed_until_the_buffer_writer_stalls_and_again_once_it_commits()
    {
        using var notify = new NotifySocket(_dir.File("notify.sock"));
        var data = Path.Combine(_dir.Path, "data");
        var env = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path, ["WATCHDOG_USEC"] = "1000000" }; // ping every 500 ms
        await using var gateway = await GatewayProcess.StartAsync(data, env,
            "--Watchdog:TickInterval=00:00:00.250", $"--Watchdog:StaleAfter={StaleAfter:c}", "--Buffer:MaintenanceInterval=00:00:00.500");

        var first = await notify.NextAsync(TimeSpan.FromSeconds(20), "READY=1");
        Assert.Equal("READY=1", first.Text);
        await notify.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(10));
        await notify.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(5)); // and again: it is fed, not pinged once

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(data, "buffer.db")};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "PRAGMA busy_timeout=10000; BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }
            var locked = DateTime.UtcNow;
            notify.Drain();

            // The writer's next commit (maintenance, every 500 ms) now blocks. Once it is StaleAfter silent, the
            // pings stop: wait for a gap of 6 ping periods, which a fed watchdog never leaves.
            var lastPing = locked;
            var deadline = locked + TimeSpan.FromSeconds(20);
            while (DateTime.UtcNow - lastPing < TimeSpan.FromSeconds(3))
            {
                Assert.True(DateTime.UtcNow < deadline, "the watchdog was still fed 20 s after the writer stalled; gateway log:\n" + gateway.Log);
                try
                {
                    var (at, text) = await notify.NextAsync(TimeSpan.FromSeconds(3) - (DateTime.UtcNow - lastPing), "a gap in the pings");
                    if (text.Contains("WATCHDOG=1", StringComparison.Ordinal)) lastPing = at;
                }
                catch (TimeoutException)
                {
                    // the gap: no ping for 3 s
                }
            }
            Assert.True(lastPing - locked < StaleAfter + TimeSpan.FromSeconds(2),
                $"pings went on {(lastPing - locked).TotalSeconds:0.0} s after the stall (StaleAfter is {StaleAfter.TotalSeconds} s)");
            await Eventually.TrueAsync(() => gateway.Log.Contains("buffer-writer", StringComparison.Ordinal), TimeSpan.FromSeconds(5),
                "the gateway to log that the buffer-writer stopped ticking");
            Assert.DoesNotContain("forwarder (", gateway.Log, StringComparison.Ordinal);
            Assert.DoesNotContain("broker (", gateway.Log, StringComparison.Ordinal);

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        // The lock is gone: the writer commits again and the watchdog is fed again.
        await notify.WaitForAsync("WATCHDOG=1", TimeSpan.FromSeconds(15));
    }

    public void Dispose() => _dir.Dispose();
}
