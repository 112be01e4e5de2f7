using System.Collections;

namespace EdgeGateway.Firmware.Core.Provisioning
{
    /// <summary>What the provisioning session asks of the rest of the firmware.</summary>
    public interface IProvisioningActions
    {
        /// <summary>Checks Wi-Fi and the broker with these settings. Returns null when both are fine, else a short reason.</summary>
        string Test(Hashtable settings);

        /// <summary>Restarts the device (after the OK was written).</summary>
        void Reboot();
    }
}
