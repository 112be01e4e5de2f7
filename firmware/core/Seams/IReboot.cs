namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>Restarts the device (Power.RebootDevice on nanoFramework; a new machine instance in the host build).</summary>
    public interface IReboot
    {
        void Reboot();
    }
}
