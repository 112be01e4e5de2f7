using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Service.Hosting;

/// <summary>Builds the gateway's generic host from appsettings.json, <c>EDGEGW_</c> environment variables and CLI flags.</summary>
public static class GatewayHost
{
    /// <param name="configure">A last hook on the builder (tests add a log capture here).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("EDGEGW_");
        builder.Configuration.AddCommandLine(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.AddSystemd();
        builder.Services.AddEdgeGateway(builder.Configuration);
        configure?.Invoke(builder);
        return builder.Build();
    }
}
