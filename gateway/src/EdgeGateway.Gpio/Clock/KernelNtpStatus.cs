using System.Runtime.InteropServices;

namespace EdgeGateway.Gpio.Clock;

/// <summary>
/// The kernel's own verdict, as <c>timedatectl</c>'s <c>NTPSynchronized</c> reads it: <c>adjtimex(2)</c> with no
/// changes returns the clock state, <c>TIME_ERROR</c> (5) while the clock is unsynchronised (<c>STA_UNSYNC</c>, set
/// until an NTP daemon such as systemd-timesyncd or chrony disciplines the clock). Reading needs no privilege.
/// </summary>
internal sealed partial class KernelNtpStatus : INtpStatus
{
    private const int TimeError = 5;

    public bool? IsSynchronized()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var timex = new byte[256]; // struct timex is 208 bytes on 64-bit Linux; modes = 0: read only
        try
        {
            var state = Adjtimex(timex);
            return state < 0 ? null : state != TimeError;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // a C library without adjtimex: cannot tell, so the time is not trusted
        }
    }

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int Adjtimex(byte[] timex);
}
