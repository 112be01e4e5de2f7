namespace EdgeGateway.Firmware.Core.Seams
{
    /// <summary>Callbacks from an <see cref="IMqttLink"/>. Called on the link's thread.</summary>
    public interface IMqttLinkListener
    {
        /// <summary>The broker sent the PUBACK for the publish with this token.</summary>
        void OnPublishAcked(int token);

        /// <summary>The publish with this token will not be acked (connection lost or refused).</summary>
        void OnPublishFailed(int token);

        void OnMessage(string topic, byte[] payload);

        void OnConnectionChanged(bool connected);
    }
}
