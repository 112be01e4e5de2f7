namespace EdgeGateway.Console.Api;

/// <summary>The Buffer &amp; uplink page's figures (<c>GET /api/v1/buffer</c>). Times are Unix milliseconds.</summary>
public sealed record BufferView(long At, IReadOnlyList<BufferClassView> Classes, BufferDiskView Disk, UplinkView Uplink);

/// <summary>One class: events waiting, the oldest one's arrival and age, and how many of the class were shed or expired since start.</summary>
public sealed record BufferClassView(string Prio, long Depth, long? OldestReceivedAt, double? OldestAgeSeconds, long Shed, long Expired);

/// <summary>Bytes counted against the quota, the quota, and the buffer's files on disk.</summary>
public sealed record BufferDiskView(long UsedBytes, long QuotaBytes, double UsedPercent, long FileBytes);

/// <summary>The uplink: its kind and state, the last acknowledged send, the rate over the last 10 s, totals since start.</summary>
public sealed record UplinkView(string Kind, string State, long? LastSuccessAt, double ForwardedPerSecond, long ForwardedTotal, long Failures, long Reconnects);
