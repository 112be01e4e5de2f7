using Microsoft.Extensions.Hosting;
using EdgeGateway.Service.Hosting;

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
