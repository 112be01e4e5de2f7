using System.Diagnostics;
using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>
/// The group window holds a commit open while devices that sent recently have nothing in it yet, so one commit covers
/// many events; a P0 ends the wait at once (alarms never wait), and a device alone is never held.
/// </summary>
public sealed class GroupWindowTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly TempDir _dir = new("group-window");

    public void Dispose() => _dir.Dispose();

    private SqliteEventBuffer Open() =>
        new(_dir.File("buffer.db"), TimeProvider.System, new SqliteBufferOptions { GroupWindow = Window });

    private static Task<AppendOutcome> AppendAsync(SqliteEventBuffer b, string dev, long seq, string type)
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"{{{dev}}}","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{}}""");
        return b.AppendAsync(EnvelopeParser.Parse(raw, dev).Envelope!, raw, null, CancellationToken.None);
    }

    /// <summary>Two devices sent just now, so the writer expects both in its next group.</summary>
    private static async Task TwoActiveDevicesAsync(SqliteEventBuffer buffer)
    {
        await Task.WhenAll(AppendAsync(buffer, "cb-1", 1, EventTypes.Checkin), AppendAsync(buffer, "cb-2", 1, EventTypes.Checkin));
    }

    [Fact]
    public async Task A_check_in_waits_for_the_window_while_another_recent_device_has_not_sent()
    {
        using var buffer = Open();
        await TwoActiveDevicesAsync(buffer);

        var clock = Stopwatch.StartNew();
        await AppendAsync(buffer, "cb-1", 2, EventTypes.Checkin);

        Assert.True(clock.Elapsed >= Window * 0.9, $"committed after {clock.ElapsedMilliseconds} ms: the group did not wait for cb-2");
    }

    [Fact]
    public async Task A_panic_arriving_during_the_window_is_committed_at_once_with_the_waiting_check_in()
    {
        using var buffer = Open();
        await TwoActiveDevicesAsync(buffer);
        var checkin = AppendAsync(buffer, "cb-1", 2, EventTypes.Checkin);

        var clock = Stopwatch.StartNew();
        var panic = AppendAsync(buffer, "pb-1", 1, EventTypes.Panic);
        await Eventually.WithinAsync(panic, Window * 3, "the panic's commit");
        var panicMs = clock.ElapsedMilliseconds;

        Assert.True(panicMs < Window.TotalMilliseconds / 2, $"the panic was committed after {panicMs} ms: it waited for the group window");
        // The writer completes a group's appends one after another (the panic's may be first), so the check-in's is
        // awaited, not sampled; committed in a later group it would wait for cb-2 again, a whole window.
        Assert.Equal(AppendOutcome.Stored, await Eventually.WithinAsync(checkin, Window * 3, "the check-in's commit"));
        var checkinMs = clock.ElapsedMilliseconds;
        Assert.True(checkinMs < Window.TotalMilliseconds / 2, $"the check-in was committed after {checkinMs} ms: not with the panic");
    }

    [Fact]
    public async Task A_single_device_sending_one_event_at_a_time_is_never_held()
    {
        using var buffer = Open();
        var clock = Stopwatch.StartNew();
        for (var seq = 1; seq <= 5; seq++) await AppendAsync(buffer, "cb-1", seq, EventTypes.Checkin);

        Assert.True(clock.Elapsed < Window, $"five appends of one device took {clock.ElapsedMilliseconds} ms: the window held them");
    }
}
