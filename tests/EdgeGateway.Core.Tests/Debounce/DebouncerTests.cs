using System.Text;
using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Debounce;

namespace EdgeGateway.Core.Tests.Debounce;

public sealed class DebouncerTests
{
    private static EventEnvelope Env(string type, long seq, string data = "{}")
    {
        var raw = Encoding.UTF8.GetBytes($$$"""{"v":1,"dev":"d1","boot":1,"seq":{{{seq}}},"type":"{{{type}}}","ts":1,"sync":true,"data":{{{data}}}}""");
        return EnvelopeParser.Parse(raw, "d1").Envelope!;
    }

    [Fact]
    public void The_first_panic_is_plain_and_repeats_in_the_window_count_up_then_a_new_window_starts_plain()
    {
        var d = new Debouncer(new DebounceSettings(new DebounceOptions { PanicWindow = TimeSpan.FromSeconds(30) }));
        Assert.Null(d.Decide(Env("panic", 1), "d1:1:1", 0));
        var r1 = d.Decide(Env("panic", 2), "d1:1:2", 1_000);
        var r2 = d.Decide(Env("panic", 3), "d1:1:3", 29_000);
        Assert.Equal((1, 2), (r1!.Repeat, r2!.Repeat));
        Assert.Equal(r1.Key, r2.Key);
        Assert.Equal(CoalesceMode.KeepLatest, r1.Mode);
        Assert.Null(d.Decide(Env("panic", 4), "d1:1:4", 31_000));
    }

    [Fact]
    public void An_update_stands_for_at_most_MaxIdsPerUpdate_events_then_the_group_goes_on_in_a_new_row_with_a_rising_repeat()
    {
        var d = new Debouncer(new DebounceSettings(new DebounceOptions { MaxIdsPerUpdate = 3 }));
        var heartbeats = Enumerable.Range(1, 7).Select(i => d.Decide(Env("heartbeat", i), $"d1:1:{i}", i)!).ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], heartbeats.Select(r => r.Repeat));
        var rows = heartbeats.Select(r => r.Key).ToList();
        Assert.Equal(3, rows.Distinct().Count());
        Assert.Equal([rows[0], rows[0], rows[0], rows[3], rows[3], rows[3], rows[6]], rows);

        // The first panic goes up alone; its updates fill rows of three.
        var panics = Enumerable.Range(1, 5).Select(i => d.Decide(Env("panic", 10 + i), $"d1:1:{10 + i}", 10 + i)).ToList();
        Assert.Null(panics[0]);
        Assert.Equal([1, 2, 3, 4], panics.Skip(1).Select(r => r!.Repeat));
        Assert.Equal(panics[1]!.Key, panics[3]!.Key);
        Assert.NotEqual(panics[3]!.Key, panics[4]!.Key);
    }

    [Fact]
    public void Check_ins_group_by_card_and_checkpoint_and_keep_the_first()
    {
        var d = new Debouncer(new DebounceSettings(new DebounceOptions()));
        var a1 = d.Decide(Env("checkin", 1, """{"card":"A","checkpoint":"cp1"}"""), "d1:1:1", 0)!;
        var b1 = d.Decide(Env("checkin", 2, """{"card":"B","checkpoint":"cp1"}"""), "d1:1:2", 10)!;
        var a2 = d.Decide(Env("checkin", 3, """{"card":"A","checkpoint":"cp1"}"""), "d1:1:3", 59_000)!;
        var a3 = d.Decide(Env("checkin", 4, """{"card":"A","checkpoint":"cp1"}"""), "d1:1:4", 61_000)!;
        Assert.Equal(a1.Key, a2.Key);
        Assert.NotEqual(a1.Key, b1.Key);
        Assert.NotEqual(a1.Key, a3.Key);
        Assert.Equal((0, 1, 0), (a1.Repeat, a2.Repeat, a3.Repeat));
        Assert.Equal(CoalesceMode.KeepFirst, a1.Mode);
        Assert.Null(d.Decide(Env("checkin", 5, """{"checkpoint":"cp1"}"""), "d1:1:5", 0)); // no card: stored as it is
    }

    [Fact]
    public void Settings_reject_bad_windows_and_keep_the_old_ones()
    {
        var s = new DebounceSettings(new DebounceOptions());
        Assert.Throws<ArgumentException>(() => s.Update(new DebounceOptions { PanicWindow = TimeSpan.FromSeconds(-1) }));
        Assert.Equal(TimeSpan.FromSeconds(30), s.Current.PanicWindow);
        Assert.Contains("Debounce:MaxIdsPerUpdate 1 must be 2-1000", Assert.Throws<ArgumentException>(() => s.Update(new DebounceOptions { MaxIdsPerUpdate = 1 })).Message, StringComparison.Ordinal);
        Assert.Null(new Debouncer(new DebounceSettings(new DebounceOptions { HeartbeatWindow = TimeSpan.Zero })).Decide(Env("heartbeat", 1), "d1:1:1", 0));
    }

    [Fact]
    public void A_merge_keeps_the_chosen_envelope_and_lists_every_id()
    {
        var first = Encoding.UTF8.GetBytes("""{"v":1,"dev":"d1","boot":1,"seq":1,"type":"checkin","ts":5,"sync":true,"data":{"card":"A"}}""");
        var second = Encoding.UTF8.GetBytes("""{"v":1,"dev":"d1","boot":1,"seq":2,"type":"checkin","ts":9,"sync":true,"data":{"card":"A"}}""");
        var merged = CoalescedEnvelope.Merge(first, "d1:1:1", second, "d1:1:2", new CoalesceRequest("k", CoalesceMode.KeepFirst, 1));
        var json = System.Text.Json.JsonDocument.Parse(merged).RootElement;
        Assert.Equal(1, json.GetProperty("seq").GetInt64());
        Assert.Equal(1, json.GetProperty("repeat").GetInt32());
        Assert.Equal(["d1:1:1", "d1:1:2"], json.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }
}
