namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>
    /// Small named records that survive a reboot (internal flash on the device, files in the host build).
    /// A write replaces the record atomically: after a power cut the old or the new value is there, never a mix.
    /// </summary>
    public interface IFlashStore
    {
        /// <summary>The record's bytes, or null when it was never written (or was deleted).</summary>
        byte[] Read(string key);

        void Write(string key, byte[] value);

        void Delete(string key);
    }
}
