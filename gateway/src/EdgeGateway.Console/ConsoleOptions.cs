using System.Net;

namespace EdgeGateway.Console;

/// <summary>Section <c>Console</c>: the ward-station console's listener.</summary>
public sealed class ConsoleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where Kestrel listens: <c>http://IP:port</c>, or <c>https://…</c> with <c>Console:Tls</c>. Port 0 picks a free one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    public ConsoleTlsOptions Tls { get; set; } = new();

    /// <summary>When set, <c>/metrics</c> answers only requests with <c>Authorization: Bearer</c> this token.</summary>
    public string MetricsToken { get; set; } = "";

    /// <summary>How long a login lasts without use (sliding).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(12);

    public ConsoleHistoryOptions History { get; set; } = new();

    /// <summary>Days the history journal keeps every event the gateway took (<c>history.db</c> in the data directory).</summary>
    public int HistoryDays { get; set; } = 30;

    /// <summary>The most the history journal may hold, in MB; beyond it the oldest events are dropped first.</summary>
    public double HistoryMaxMb { get; set; } = 512;

    public long HistoryMaxBytes => (long)(HistoryMaxMb * 1024 * 1024);

    /// <summary>Whether the history journal runs: the console is on and <c>Console:History:Enabled</c> is not false.</summary>
    public bool JournalEnabled => Enabled && History.Enabled;

    public IEnumerable<string> Validate()
    {
        if (!Enabled) yield break;
        if (HistoryDays is < 1 or > 3650) yield return $"Console:HistoryDays {HistoryDays} must be 1..3650";
        if (HistoryMaxMb is < 1 or > 1_000_000) yield return $"Console:HistoryMaxMb {HistoryMaxMb} must be >= 1 and <= 1000000";
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return $"Console:Url '{Url}' must be http://IP:port or https://IP:port";
            yield break;
        }
        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) && uri.Host != "localhost")
            yield return $"Console:Url '{Url}' must name an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0), not '{uri.Host}'";
        if (uri.AbsolutePath != "/") yield return $"Console:Url '{Url}' must not have a path";
        if (uri.Scheme == "https" && !Tls.Enabled) yield return "Console:Url is https:// but Console:Tls:Enabled is false";
        if (uri.Scheme == "http" && Tls.Enabled) yield return "Console:Tls:Enabled is true but Console:Url is http://";
        if (Tls.Enabled)
        {
            if (string.IsNullOrWhiteSpace(Tls.CertificatePath)) yield return "Console:Tls:CertificatePath is required when Console:Tls:Enabled=true";
            else if (!File.Exists(Tls.CertificatePath)) yield return $"Console:Tls:CertificatePath '{Tls.CertificatePath}' does not exist";
        }
        if (SessionIdle <= TimeSpan.Zero) yield return "Console:SessionIdle must be positive";
    }

    /// <summary>The address and port of <see cref="Url"/> (call after <see cref="Validate"/>).</summary>
    internal IPEndPoint EndPoint()
    {
        var uri = new Uri(Url);
        var ip = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host.Trim('[', ']'));
        return new IPEndPoint(ip, uri.Port);
    }
}
