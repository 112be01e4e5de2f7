using EdgeGateway.Contracts.Envelope;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Ingest;
using EdgeGateway.Service.Hosting;
using EdgeGateway.TestInfra;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Service.Tests.Hosting;

/// <summary>The history journal of a real gateway writes on a thread of its own, at low CPU priority, into history.db.</summary>
public sealed class JournalServiceTests
{
    [Fact]
    public async Task The_journal_writes_history_db_on_its_own_thread_at_nice_10()
    {
        await using var gateway = await InProcessGateway.StartAsync();
        var thread = await JournalThreadAsync();
        Assert.Equal(JournalService.Nice, thread.Nice);

        var observer = gateway.Services.GetServices<IAcceptedEventObserver>().OfType<JournalRecorder>().Single();
        var envelope = EnvelopeParser.Parse("""{"v":1,"dev":"hb-7","boot":2,"seq":9,"type":"heartbeat","ts":1780000000000,"sync":true,"data":{}}"""u8, "hb-7").Envelope!;
        observer.OnAccepted(envelope, AppendOutcome.Stored);
        var journal = gateway.Services.GetRequiredService<IEventJournal>();
        JournalPage page = new([], null);
        await Eventually.TrueAsync(async () =>
        {
            page = await journal.QueryAsync(new JournalQuery("hb-7", null, null, null, null, 10), CancellationToken.None);
            return page.Items.Count == 1;
        }, TimeSpan.FromSeconds(10), "the event journaled");
        Assert.Equal("hb-7:2:9", page.Items[0].EventId);
    }

    /// <summary>The thread named history-journal in /proc/self/task (comm holds 15 characters), and its nice value (stat field 19).</summary>
    private static async Task<(int Tid, int Nice)> JournalThreadAsync()
    {
        (int, int)? found = null;
        await Eventually.TrueAsync(() =>
        {
            foreach (var task in Directory.GetDirectories("/proc/self/task"))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() != "history-journal") continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                found = (int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture),
                    int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
                return true;
            }
            return false;
        }, TimeSpan.FromSeconds(10), "the history-journal thread");
        return found!.Value;
    }
}
