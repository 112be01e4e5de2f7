using EdgeGateway.Console.Alarms;
using EdgeGateway.Console.Api;
using EdgeGateway.Console.Audit;
using EdgeGateway.Console.Auth;
using EdgeGateway.Contracts.Uplink;
using EdgeGateway.Core.Buffer;
using EdgeGateway.Core.Commands;
using EdgeGateway.Core.Devices;
using EdgeGateway.Core.Diagnostics;
using EdgeGateway.Core.Forwarding;
using EdgeGateway.Core.History;
using EdgeGateway.Core.Operators;
using EdgeGateway.Core.Patrols;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Console.Hosting;

/// <summary>The console web app's container: the gateway's singletons it uses, authentication, anti-forgery, cookie keys.</summary>
internal static class ConsoleServices
{
    public static void Add(IServiceCollection services, IServiceProvider gateway)
    {
        var options = gateway.GetRequiredService<ConsoleOptions>();
        var paths = gateway.GetRequiredService<ConsolePaths>();
        Forward<ConsoleOptions>(services, gateway);
        Forward<ConsolePaths>(services, gateway);
        Forward<OperatorStore>(services, gateway);
        Forward<AuditLog>(services, gateway);
        Forward<LoginThrottle>(services, gateway);
        Forward<AlarmBoard>(services, gateway);
        Forward<AlarmAcknowledger>(services, gateway);
        Forward<IDeviceDirectory>(services, gateway);
        Forward<IDeviceConnections>(services, gateway);
        Forward<IDeviceVitals>(services, gateway);
        Forward<DeviceActions>(services, gateway);
        Forward<GatewayMetrics>(services, gateway);
        Forward<ConsoleMetrics>(services, gateway);
        Forward<TimeProvider>(services, gateway);
        Forward<IBufferInspector>(services, gateway);
        Forward<IUplink>(services, gateway);
        Forward<ForwardingStatus>(services, gateway);
        foreach (var check in gateway.GetServices<ReadinessCheck>()) services.AddSingleton(check);
        if (gateway.GetService<IPatrolReports>() is { } patrols) services.AddSingleton(patrols); // absent while patrols are disabled
        if (gateway.GetService<IEventJournal>() is { } journal) services.AddSingleton(journal); // absent with Console:History:Enabled=false

        // The API's JSON resolves through the console's source-generated context only (ASP.NET Core adds its problem-details
        // context after it), never by reflection, whatever the process's JsonSerializerIsReflectionEnabledByDefault: the JIT
        // build serves what the NativeAOT build serves, and a type missing from the context fails in every build.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolver = ConsoleJsonContext.Default);
        services.AddProblemDetails();
        ConsoleAuth.Add(services, options);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.FormFieldName = "csrf";
            o.Cookie.Name = "egw_af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddDataProtection()
            .SetApplicationName("edgegw-console")
            .PersistKeysToFileSystem(KeyDirectory(paths.Keys));
        DontPreloadKeyRing(services);
    }

    /// <summary>
    /// Data protection registers a hosted service that reads the cookie key ring (XML) at start. Without it the ring is
    /// read when a session cookie or anti-forgery token is first made or checked: a console nobody has logged in to
    /// (scripts with API tokens only) never loads it, nor System.Private.Xml (about 3 MB of RSS).
    /// </summary>
    private static void DontPreloadKeyRing(IServiceCollection services)
    {
        var preload = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        if (preload is not null) services.Remove(preload);
    }

    private static void Forward<T>(IServiceCollection services, IServiceProvider gateway) where T : class =>
        services.AddSingleton(_ => gateway.GetRequiredService<T>());

    /// <summary>The key ring protects session cookies: only the gateway's user may read it (mode 700).</summary>
    private static DirectoryInfo KeyDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        return Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
