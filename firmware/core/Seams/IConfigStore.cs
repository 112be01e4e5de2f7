using System.Collections;

namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>
    /// Persistent device settings (flash on the device, a file in the host build). Save must be atomic: after a
    /// power cut the store holds either the old or the new settings, never a mix.
    /// </summary>
    public interface IConfigStore
    {
        /// <summary>The saved settings (string keys and values), or null when the device was never provisioned.</summary>
        Hashtable Load();

        /// <summary>Replaces all saved settings at once.</summary>
        void Save(Hashtable values);

        /// <summary>Removes the saved settings (factory reset).</summary>
        void EraseAll();
    }
}
