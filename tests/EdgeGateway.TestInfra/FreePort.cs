using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.TestInfra;

/// <summary>Free TCP ports on 127.0.0.1 (never any other address).</summary>
public static class FreePort
{
    public static int Next() => EdgeGateway.Core.Net.FreeTcpPort.Pick();

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="keepWaiting">Stops the wait early (without throwing) when it returns false, e.g. the server process exited.</param>
    public static async Task WaitListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null, Func<bool>? keepWaiting = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (keepWaiting is not null && !keepWaiting()) return;
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false); // polling a condition with a deadline, not a fixed sleep
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"nothing listening on 127.0.0.1:{port} after {timeout.TotalSeconds:0.#} s. {diagnostics?.Invoke()}", ex);
            }
        }
    }
}
