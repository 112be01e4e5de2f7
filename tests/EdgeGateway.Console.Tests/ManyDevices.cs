using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Console.Tests;

/// <summary>
/// Fills the gateway's registry with many devices at once: one is added through the registry (its secret hashed
/// with the real KDF), the others are copies of its row with their own ids, sites and labels in one transaction, so
/// 2,000 devices take milliseconds instead of 2,000 key derivations. Ids are <c>pb-0000</c>…; every 10th is a
/// checkpoint beacon, site <c>site-{n % 7}</c>, label <c>Flat {n}</c>.
/// </summary>
internal static class ManyDevices
{
    public static string Id(int n) => "pb-" + n.ToString("D4", CultureInfo.InvariantCulture);

    public static void Register(ConsoleHarness console, int count)
    {
        var registry = console.Gateway.Registry;
        registry.Add(Id(0), "panic-button", "site-0", null, "0123456789abcdef-secret", DateTimeOffset.UtcNow);
        registry.SetLabel(Id(0), "Flat 0");
        using var c = new SqliteConnection($"Data Source={registry.Path};Pooling=False");
        c.Open();
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO devices(id, type, site, checkpoint, secret_hash, salt, mosquitto_hash, state, created, label)
            SELECT $id, $type, $site, NULL, secret_hash, salt, mosquitto_hash, 'active', created, $label FROM devices WHERE id = $template
            """;
        var id = cmd.Parameters.Add("$id", SqliteType.Text);
        var type = cmd.Parameters.Add("$type", SqliteType.Text);
        var site = cmd.Parameters.Add("$site", SqliteType.Text);
        var label = cmd.Parameters.Add("$label", SqliteType.Text);
        cmd.Parameters.AddWithValue("$template", Id(0));
        for (var n = 1; n < count; n++)
        {
            id.Value = Id(n);
            type.Value = n % 10 == 0 ? "checkpoint-beacon" : "panic-button";
            site.Value = "site-" + (n % 7).ToString(CultureInfo.InvariantCulture);
            label.Value = "Flat " + n.ToString(CultureInfo.InvariantCulture);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
