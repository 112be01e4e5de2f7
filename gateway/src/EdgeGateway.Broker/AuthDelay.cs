namespace EdgeGateway.Broker;

/// <summary>
/// How long a failed connect waits before its refusal is sent: <see cref="BrokerOptions.AuthFailureDelay"/> for the
/// first failure, doubling with each further one (of the id or of the address, whichever has more), never more
/// than <see cref="BrokerOptions.AuthFailureDelayMax"/>. A correct secret never waits.
/// </summary>
internal static class AuthDelay
{
    public static TimeSpan For(int failures, TimeSpan first, TimeSpan max)
    {
        if (failures <= 0 || first <= TimeSpan.Zero) return TimeSpan.Zero;
        var doublings = Math.Min(failures - 1, 30);
        var ticks = first.Ticks * Math.Pow(2, doublings);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
