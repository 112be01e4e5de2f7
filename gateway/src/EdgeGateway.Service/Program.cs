using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Core.Platform;
using EdgeGateway.Service.Hosting;
using EdgeGateway.Service.Hosting.Settings;

if (args.Any(a => a is "--help" or "-h" or "-?" or "/?"))
{
    await Console.Out.WriteAsync(SettingsHelp.Text()).ConfigureAwait(false);
    return 0;
}
if (args.Contains("--version"))
{
    var version = typeof(GatewayHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
    await Console.Out.WriteLineAsync("edgegw-gateway " + version).ConfigureAwait(false);
    return 0;
}

OwnerOnlyFiles.RestrictNewFiles(); // every file the gateway creates is 0600, every directory 0700
try
{
    var host = GatewayHost.Build(args); // RunAsync disposes it
    await host.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (GatewayConfigException ex)
{
    await Console.Error.WriteLineAsync("edgegw-gateway: " + ex.Message).ConfigureAwait(false);
    return 2;
}
catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable)
{
    await Console.Error.WriteLineAsync(
        $"edgegw-gateway: cannot open the broker's listener: {ex.Message}. Is another MQTT broker (a system Mosquitto?) " +
        "using the port? Set Broker:Port / Broker:Host (or EDGEGW_Broker__Port).").ConfigureAwait(false);
    return 3;
}
