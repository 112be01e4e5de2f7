using EdgeGateway.Registry;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary>Tables for <c>device list</c> and <c>device show</c>.</summary>
internal static class DeviceViews
{
    public static void List(IReadOnlyList<DeviceRecord> devices)
    {
        if (devices.Count == 0)
        {
            Console.WriteLine("no devices registered");
            return;
        }
        var table = new Table().AddColumns("id", "type", "site", "checkpoint", "state", "last seen", "last heartbeat");
        foreach (var d in devices)
        {
            table.AddRow(Markup.Escape(d.Id), Markup.Escape(d.Type), Markup.Escape(d.Site), Markup.Escape(d.Checkpoint ?? "-"),
                d.State == DeviceState.Active ? "active" : "[red]revoked[/]", DeviceRegistry.Format(d.LastSeen), DeviceRegistry.Format(d.LastHeartbeat));
        }
        AnsiConsole.Write(table);
    }

    public static void Show(DeviceRecord d)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("id", Markup.Escape(d.Id));
        grid.AddRow("type", Markup.Escape(d.Type));
        grid.AddRow("site", Markup.Escape(d.Site));
        grid.AddRow("checkpoint", Markup.Escape(d.Checkpoint ?? "-"));
        grid.AddRow("state", d.State == DeviceState.Active ? "active" : "revoked");
        grid.AddRow("registered", DeviceRegistry.Format(d.Created));
        grid.AddRow("last seen", DeviceRegistry.Format(d.LastSeen));
        grid.AddRow("last heartbeat", DeviceRegistry.Format(d.LastHeartbeat));
        AnsiConsole.Write(grid);
    }
}
