using System.Text;
using System.Text.Json;
using EdgeGateway.Patrols.Cards;
using EdgeGateway.Patrols.Config;
using EdgeGateway.Patrols.Engine;
using EdgeGateway.Patrols.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Patrols.Tests;

/// <summary>
/// The round engine on a real <c>patrols.db</c> in a temp directory, driven by a <see cref="FakeTimeProvider"/>:
/// <see cref="RunUntil"/> moves the clock in small steps and lets the engine look at it each step, as the patrol loop
/// does each tick; <see cref="TakeEvents"/> drains the outbox the way the loop hands it to the buffer.
/// </summary>
internal sealed class PatrolFixture : IDisposable
{
    private int _seq;

    public PatrolFixture(string planJson, DateTimeOffset start, PatrolOptions? options = null)
    {
        Directory.CreateDirectory(DataDirectory);
        Options = options ?? new PatrolOptions();
        Clock = new FakeTimeProvider(start);
        Db = PatrolDatabase.Open(DataDirectory);
        Cards = new CardStore(Db);
        PlanJson = planJson;
        Engine = NewEngine();
        Engine.Advance(Clock.GetUtcNow());
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"patrols-{Guid.NewGuid():N}");

    public PatrolOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    public PatrolDatabase Db { get; }

    public CardStore Cards { get; }

    public string PlanJson { get; }

    public RoundEngine Engine { get; private set; }

    /// <summary>A new engine on the same database, as after a gateway restart.</summary>
    public RoundEngine NewEngine() => Engine = new RoundEngine(Db, Options) { Plan = PlanParser.Parse(Encoding.UTF8.GetBytes(PlanJson), "patrols.json", Clock.GetUtcNow()) };

    /// <summary>Moves the clock to <paramref name="until"/> in steps of <paramref name="step"/> (default 10 s), advancing the engine each step.</summary>
    public void RunUntil(DateTimeOffset until, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromSeconds(10);
        while (Clock.GetUtcNow() < until)
        {
            var next = Clock.GetUtcNow() + s;
            Clock.SetUtcNow(next < until ? next : until);
            Engine.Advance(Clock.GetUtcNow());
        }
    }

    /// <summary>A card tapped now (the clock moves there first) at the beacon of <paramref name="checkpoint"/>.</summary>
    public CheckinResult Tap(string uid, string checkpoint, DateTimeOffset at, bool synced = true, string? beacon = null)
    {
        RunUntil(at, TimeSpan.FromSeconds(10));
        var tap = new Checkin($"cb-{checkpoint}:1:{++_seq}", beacon ?? "cb-" + checkpoint, checkpoint, uid, at, synced);
        return Engine.Record(tap, Clock.GetUtcNow());
    }

    public List<(string Type, JsonElement Data)> TakeEvents()
    {
        using var c = Db.Connect();
        var list = new List<(string, JsonElement)>();
        foreach (var (id, type, data) in Outbox.Pending(c))
        {
            list.Add((type, JsonDocument.Parse(data).RootElement.Clone()));
            Outbox.Remove(c, id);
        }
        return list;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
