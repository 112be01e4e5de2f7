using EdgeGateway.Firmware.Core.Seams;
using nanoFramework.Runtime.Native;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>A real restart: the boot counter goes up and the flash outbox is re-sent.</summary>
    public sealed class PowerReboot : IReboot
    {
        public void Reboot() { Power.RebootDevice(); }
    }
}
