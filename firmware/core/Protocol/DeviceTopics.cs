namespace EdgeGateway.Firmware.Core.Protocol
{
    /// <summary>The device's own topics: <c>sec/v1/{deviceId}/evt|state|cmd</c>.</summary>
    public static class DeviceTopics
    {
        public const string Prefix = "sec/v1/";
        public const string Online = "online";
        public const string Offline = "offline";

        public static string Evt(string deviceId) { return Prefix + deviceId + "/evt"; }

        public static string State(string deviceId) { return Prefix + deviceId + "/state"; }

        public static string Cmd(string deviceId) { return Prefix + deviceId + "/cmd"; }
    }
}
