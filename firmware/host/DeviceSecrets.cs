using System.IO;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// Secrets of simulated devices: one file per device, <c>{dir}/{deviceId}.secret</c>, as written by
    /// <c>edgegw device add --secret-file</c>. Used by the simulator's <c>--secrets-dir</c>.
    /// </summary>
    public static class DeviceSecrets
    {
        public static string PathOf(string directory, string deviceId) => Path.Combine(directory, deviceId + ".secret");

        /// <summary>The device's secret, or null when the directory has no file for it.</summary>
        public static string Load(string directory, string deviceId)
        {
            if (string.IsNullOrEmpty(directory)) return null;
            var path = PathOf(directory, deviceId);
            if (!File.Exists(path)) return null;
            var secret = File.ReadAllText(path).Trim();
            return secret.Length == 0 ? null : secret;
        }
    }
}
