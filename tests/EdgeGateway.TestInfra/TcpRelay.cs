using System.Diagnostics;

namespace EdgeGateway.TestInfra;

/// <summary>
/// A real <c>socat</c> TCP relay from a loopback port to a target port: starting it ends an uplink outage at a
/// moment the test chooses (e.g. after its upstream subscriber is in place); killing it starts one.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly Process _process;

    private TcpRelay(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TcpRelay> StartAsync(int listenPort, int targetPort)
    {
        var psi = new ProcessStartInfo("socat", $"TCP-LISTEN:{listenPort},bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:{targetPort}")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start socat (the test command installs it)");
        await FreePort.WaitListeningAsync(listenPort, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return new TcpRelay(p, listenPort);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
