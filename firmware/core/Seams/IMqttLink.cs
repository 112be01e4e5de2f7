namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>
    /// The MQTT connection (nanoFramework.M2Mqtt on the device, MQTTnet in the host build).
    /// Publishes are QoS 1. The link reports PUBACKs and incoming messages to its listener.
    /// </summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>Registers the single listener that receives acks, messages and connection changes.</summary>
        void SetListener(IMqttLinkListener listener);

        /// <summary>Starts a QoS 1 publish. Returns a token (&gt; 0) that a later ack names, or 0 when not connected.</summary>
        int Publish(string topic, byte[] payload, bool retain);
    }
}
