using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Core.Net;

/// <summary>
/// A TCP port nothing listens on right now (asked of the OS by binding port 0 on loopback). Another process can take
/// it before the caller binds; callers that configure "port 0" retry on AddressAlreadyInUse.
/// </summary>
public static class FreeTcpPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
