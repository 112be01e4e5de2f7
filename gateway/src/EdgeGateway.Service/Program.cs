using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Core.Platform;
using EdgeGateway.Service.Hosting;

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
