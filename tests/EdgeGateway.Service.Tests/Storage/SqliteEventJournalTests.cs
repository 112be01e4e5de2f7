using EdgeGateway.Contracts;
using EdgeGateway.Core.History;
using EdgeGateway.Storage;
using EdgeGateway.TestInfra;

namespace EdgeGateway.Service.Tests.Storage;

/// <summary>The history journal on a real SQLite file: search, keyset paging, retention by days and by size.</summary>
public sealed class SqliteEventJournalTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new("journal");
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _dir.Dispose();

    private SqliteEventJournal Open(TimeSpan? keep = null, long maxBytes = 64L * 1024 * 1024) =>
        new(_dir.File(SqliteEventJournal.FileName), new JournalRetention(keep ?? TimeSpan.FromDays(30), maxBytes), _clock);

    private JournalEntry Entry(string dev, long seq, string type, string data = "{}") =>
        new(0, $"{dev}:1:{seq}", dev, type, type == "panic" ? PriorityClass.P0 : PriorityClass.P3, _clock.GetUtcNow().ToUnixTimeMilliseconds(),
            _clock.GetUtcNow().ToUnixTimeMilliseconds() - 5, true, "stored", data);

    private static Task<JournalPage> QueryAsync(SqliteEventJournal j, string? dev = null, string? type = null, long? from = null, long? to = null,
        long? before = null, int limit = 100) => j.QueryAsync(new JournalQuery(dev, type, from, to, before, limit), CancellationToken.None);

    [Fact]
    public async Task Search_filters_by_device_type_and_time_newest_first()
    {
        using var journal = Open();
        journal.Append([Entry("pb-1", 1, "panic"), Entry("pb-2", 1, "heartbeat")]);
        var middle = _clock.Now.AddMinutes(1);
        _clock.Now = middle;
        journal.Append([Entry("pb-1", 2, "heartbeat"), Entry("pb-1", 3, "panic")]);

        Assert.Equal(["pb-1:1:3", "pb-1:1:2", "pb-1:1:1"], (await QueryAsync(journal, dev: "pb-1")).Items.Select(e => e.EventId));
        Assert.Equal(["pb-1:1:3", "pb-1:1:1"], (await QueryAsync(journal, type: "panic")).Items.Select(e => e.EventId));
        Assert.Equal(["pb-1:1:3"], (await QueryAsync(journal, dev: "pb-1", type: "panic", from: middle.ToUnixTimeMilliseconds())).Items.Select(e => e.EventId));
        Assert.Equal(["pb-2:1:1", "pb-1:1:1"], (await QueryAsync(journal, to: middle.ToUnixTimeMilliseconds())).Items.Select(e => e.EventId));
        var first = (await QueryAsync(journal, dev: "pb-2")).Items.Single();
        Assert.Equal((PriorityClass.P3, "heartbeat", Start.ToUnixTimeMilliseconds(), "stored"), (first.Priority, first.Type, first.ReceivedAtMs, first.Outcome));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("pb-1", null)]
    [InlineData(null, "panic")]
    public void A_search_by_time_walks_an_index_newest_first_and_never_sorts_the_range(string? dev, string? type)
    {
        using (var journal = Open())
            journal.Append(Enumerable.Range(1, 50).Select(i => Entry("pb-1", i, "panic")).ToList());
        using var connection = JournalSchema.Open(_dir.File(SqliteEventJournal.FileName));
        using var search = JournalSchema.Search(connection, new JournalQuery(dev, type, Start.ToUnixTimeMilliseconds(), Start.AddDays(1).ToUnixTimeMilliseconds(), 40, 10));
        search.CommandText = "EXPLAIN QUERY PLAN " + search.CommandText;
        using var reader = search.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyset_pages_cover_every_match_once_in_order()
    {
        using var journal = Open();
        journal.Append(Enumerable.Range(1, 25).Select(i => Entry("pb-1", i, "heartbeat")).ToList());
        journal.Append([Entry("pb-9", 1, "heartbeat")]);

        var seen = new List<string>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await QueryAsync(journal, dev: "pb-1", before: cursor, limit: 10);
            seen.AddRange(page.Items.Select(e => e.EventId));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => $"pb-1:1:{i}"), seen);
        // A page that ends exactly at the last match says so.
        Assert.Null((await QueryAsync(journal, dev: "pb-1", limit: 25)).Next);
    }

    [Fact]
    public async Task Events_older_than_the_retention_are_dropped_and_newer_ones_kept()
    {
        using var journal = Open(keep: TimeSpan.FromDays(30));
        journal.Append([Entry("pb-1", 1, "panic")]);
        _clock.Now = Start.AddDays(20);
        journal.Append([Entry("pb-1", 2, "panic")]);
        _clock.Now = Start.AddDays(30).AddMinutes(1);
        journal.Append([Entry("pb-1", 3, "panic")]);

        Assert.Equal(["pb-1:1:3", "pb-1:1:2"], (await QueryAsync(journal)).Items.Select(e => e.EventId));
    }

    [Fact]
    public async Task Beyond_the_size_cap_the_oldest_events_go_first_and_the_file_stays_bounded()
    {
        const long cap = 256 * 1024;
        var data = "{\"note\":\"" + new string('x', 400) + "\"}";
        using (var journal = Open(maxBytes: cap))
        {
            for (var batch = 0; batch < 40; batch++)
                journal.Append(Enumerable.Range(1, 50).Select(i => Entry("pb-1", (batch * 50) + i, "heartbeat", data)).ToList());

            Assert.InRange(journal.UsedBytes(), 1, cap);
            var kept = new List<long>();
            long? cursor = null;
            do
            {
                var page = await QueryAsync(journal, before: cursor, limit: 500);
                kept.AddRange(page.Items.Select(e => long.Parse(e.EventId.Split(':')[2], System.Globalization.CultureInfo.InvariantCulture)));
                cursor = page.Next;
            }
            while (cursor is not null);
            // 2,000 events of ~0.5 KB do not fit 256 KB: some were dropped, and exactly the oldest ones.
            Assert.InRange(kept.Count, 100, 1999);
            Assert.Equal(Enumerable.Range(2001 - kept.Count, kept.Count).Reverse().Select(i => (long)i), kept);
        }
        Assert.True(new FileInfo(_dir.File(SqliteEventJournal.FileName)).Length <= cap * 2, "the file is handed back its freed pages");
    }
}
