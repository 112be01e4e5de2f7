using System.Globalization;
using System.Security.Cryptography;
using EdgeGateway.Core.Operators;
using EdgeGateway.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace EdgeGateway.Bench;

/// <summary>
/// Scenario 9: the ward console's first paint in Debian's headless Chromium with 2,000 registered devices, 10,000
/// events in the history journal and 20 open alarms: for the alarm board, the devices page and the history page, the
/// browser's own first-contentful-paint and the time until the page shows its data, each page loaded five times.
/// </summary>
internal static class ConsolePaint
{
    private const string Chromium = "/usr/bin/chromium";

    public sealed record PageTimes(string Page, double FirstPaintMs, double FilledMs);

    public static async Task<IReadOnlyList<PageTimes>> RunAsync(int devices, int history, int loads = 5)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing (apt-get install -y chromium)");
        var dir = Paths.Temp("paint");
        try
        {
            RegisterDevices(dir, devices);
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            new OperatorStore(dir).Add("bench", OperatorRole.Operator, password);
            var consolePort = ChildProcess.FreePort();
            using var gateway = ChildProcess.Gateway(dir, ChildProcess.FreePort(), "--Patrols:Enabled=false", $"--Console:Url=http://127.0.0.1:{consolePort}");
            await FillHistoryAsync(gateway.Port, history);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
            var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var url = $"http://127.0.0.1:{consolePort}";
            await page.GotoAsync(url + "/login");
            await page.FillAsync("input[name=name]", "bench");
            await page.FillAsync("input[name=password]", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(url + "/");
            // The journal is written off the ingest path: wait until it holds the last event of every device (its panic).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await page.EvaluateAsync<int>("fetch('/api/v1/history?type=panic&limit=100').then(r => r.json()).then(j => j.items.length)") < 20)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the history journal did not get the 20 panics within 60 s");
                await Task.Delay(100);
            }

            var results = new List<PageTimes>();
            foreach (var (path, filled) in new[] { ("/", "li.alarm"), ("/devices", "tbody tr"), ("/history", "tbody tr") })
            {
                var paints = new List<double>();
                var fills = new List<double>();
                for (var i = 0; i < loads; i++)
                {
                    // A fresh tab per load (the session cookie is the context's): the last tab's live stream is closed
                    // with it and does not hold one of the browser's six connections to the console.
                    var tab = await context.NewPageAsync();
                    await tab.GotoAsync(url + path);
                    await tab.WaitForSelectorAsync(filled);
                    var paint = await tab.EvaluateAsync<double>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
                    paints.Add(paint >= 0 ? paint : throw new InvalidOperationException($"Chromium reported no first-contentful-paint for {path}"));
                    fills.Add(await tab.EvaluateAsync<double>("performance.now()"));
                    await tab.CloseAsync();
                }
                results.Add(new PageTimes(path, Median(paints), Median(fills)));
            }
            return results;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// One device added through the registry (its secret hashed with the real KDF), the rest copies of its row with
    /// their own ids, sites and labels in one transaction: 2,000 key derivations would take a minute.
    /// </summary>
    private static void RegisterDevices(string dir, int count)
    {
        var registry = DeviceRegistry.Open(dir);
        registry.Add("pb-0000", "panic-button", "site-0", null, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), DateTimeOffset.UtcNow);
        using var c = new SqliteConnection($"Data Source={registry.Path};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO devices(id, type, site, checkpoint, secret_hash, salt, mosquitto_hash, state, created, label) "
            + "SELECT $id, type, $site, NULL, secret_hash, salt, mosquitto_hash, 'active', created, $label FROM devices WHERE id = 'pb-0000'";
        var (id, site, label) = (cmd.Parameters.Add("$id", SqliteType.Text), cmd.Parameters.Add("$site", SqliteType.Text), cmd.Parameters.Add("$label", SqliteType.Text));
        for (var n = 1; n < count; n++)
        {
            id.Value = "pb-" + n.ToString("D4", CultureInfo.InvariantCulture);
            site.Value = "site-" + (n % 7).ToString(CultureInfo.InvariantCulture);
            label.Value = "Flat " + n.ToString(CultureInfo.InvariantCulture);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Events from 20 devices until the journal holds <paramref name="events"/> of them, and one panic from each.</summary>
    private static async Task FillHistoryAsync(int port, int events)
    {
        var perDevice = events / 20;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async d =>
        {
            var dev = "pb-" + d.ToString("D4", CultureInfo.InvariantCulture);
            using var client = await Mqtt.ConnectAsync(port, dev);
            for (var seq = 1; seq <= perDevice; seq++) await client.PublishAsync(Mqtt.Event(dev, seq, seq % 5 == 0 ? "heartbeat" : "test"));
            await client.PublishAsync(Mqtt.Event(dev, perDevice + 1, "panic"));
        }));
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }
}
