using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Console.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Console.Hosting;

/// <summary>
/// Runs the console's Kestrel listener as one hosted service of the gateway's generic host: it starts and stops with
/// the gateway, in the same process, and its endpoints use the gateway's own singletons (Core's acknowledger, the
/// device directory, the metrics) handed over from the gateway's container.
/// </summary>
internal sealed class WardConsoleServer : IHostedService, IAsyncDisposable
{
    private readonly ConsoleOptions _options;
    private readonly IServiceProvider _gateway;
    private readonly ILogger<WardConsoleServer> _logger;
    private WebApplication? _app;

    /// <param name="metrics">Taken here so the meter is listened to from before the broker starts.</param>
    public WardConsoleServer(ConsoleOptions options, IServiceProvider gateway, ConsoleMetrics metrics, ILogger<WardConsoleServer> logger)
    {
        _ = metrics;
        _options = options;
        _gateway = gateway;
        _logger = logger;
    }

    /// <summary>The address Kestrel bound, e.g. <c>http://127.0.0.1:8080</c> (the real port when configured as 0).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The routes the console serves (empty until started), with their patterns and metadata.</summary>
    internal IEnumerable<Endpoint> Endpoints => _app is null ? [] : ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(WardConsoleServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(Listen);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(_gateway.GetRequiredService<ILoggerFactory>());
        builder.Services.AddRoutingCore();
        ConsoleServices.Add(builder.Services, _gateway);
        var app = builder.Build();
        ConsolePipeline.Configure(app);
        // Not cancelled by a stop that arrives mid-start (SIGTERM while a slow machine starts up): binding is quick, and a
        // cancelled start would surface as a failed start; the host stops the console right after in order.
        await app.StartAsync(CancellationToken.None).ConfigureAwait(false);
        _app = app;
        Url = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? _options.Url;
        ConsoleLog.Listening(_logger, Url);
    }

    private void Listen(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Listen(_options.EndPoint(), listen =>
        {
            // HTTP/2 needs TLS's protocol negotiation; plain HTTP is HTTP/1.1.
            listen.Protocols = _options.Tls.Enabled ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
            if (!_options.Tls.Enabled) return;
            listen.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(_options.Tls.CertificatePath,
                string.IsNullOrEmpty(_options.Tls.CertificatePassword) ? null : _options.Tls.CertificatePassword));
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
    }
}
