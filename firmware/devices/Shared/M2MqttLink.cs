using System;
using System.Collections;
using System.Text;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EdgeGateway.Firmware.Devices
{
    /// <summary>
    /// The device's <see cref="IMqttLink"/> over nanoFramework.M2Mqtt: MQTT 3.1.1 with clean session off (the gateway
    /// keeps the session and the commands queued while the device was away), user = id, password = the provisioned
    /// secret, last will <c>offline</c> (retained)
    /// on the state topic, retained <c>online</c>, subscription to the own <c>cmd</c> topic, QoS 1 publishes whose
    /// PUBACKs are reported by message id. <see cref="Poll"/> (from the main loop) reconnects with the core's backoff.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly string _deviceId;
        private readonly string _secret;
        private readonly IClock _clock;
        private readonly ConnectionSupervisor _supervisor;
        private readonly Hashtable _tokensByMessageId = new Hashtable();
        private MqttClient _client;
        private IMqttLinkListener _listener;
        private int _nextToken;

        /// <param name="tls">TLS 1.2; the gateway's certificate is checked against the CA root bundle stored in the
        /// device's network configuration (uploaded with the nanoFramework Device Explorer or <c>nanoff</c>).</param>
        public M2MqttLink(string host, int port, bool tls, string deviceId, string secret, IClock clock)
        {
            _host = host;
            _port = port;
            _tls = tls;
            _deviceId = deviceId;
            _secret = secret;
            _clock = clock;
            _supervisor = new ConnectionSupervisor(1000, 60000, deviceId.GetHashCode());
        }

        public bool IsConnected { get { return _client != null && _client.IsConnected; } }

        public void SetListener(IMqttLinkListener listener) { _listener = listener; }

        /// <summary>Called every loop: (re)connects when the supervisor says it is time. Needs Wi-Fi up.</summary>
        public void Poll(bool networkUp)
        {
            long now = _clock.MonotonicMs;
            if (IsConnected || !networkUp || !_supervisor.ShouldAttempt(now)) return;
            try
            {
                Connect();
                _supervisor.OnConnected();
                if (_listener != null) _listener.OnConnectionChanged(true);
            }
            catch (Exception)
            {
                _supervisor.OnAttemptFailed(now);
                DropClient();
            }
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected) return 0;
            lock (_tokensByMessageId)
            {
                try
                {
                    ushort messageId = client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                    _nextToken++;
                    if (_nextToken <= 0) _nextToken = 1;
                    _tokensByMessageId[messageId] = _nextToken;
                    return _nextToken;
                }
                catch (Exception)
                {
                    return 0;
                }
            }
        }

        private void Connect()
        {
            DropClient();
            MqttClient client = new MqttClient(_host, _port, _tls, null, null, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgPublishReceived += OnReceived;
            client.ConnectionClosed += OnClosed;
            MqttReasonCode code = client.Connect(_deviceId, _secret == null ? null : _deviceId, _secret,
                true, MqttQoSLevel.AtLeastOnce, true, DeviceTopics.State(_deviceId), DeviceTopics.Offline, false, 30);
            if (code != MqttReasonCode.Success) throw new Exception("refused");
            client.Subscribe(new string[] { DeviceTopics.Cmd(_deviceId) }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            client.Publish(DeviceTopics.State(_deviceId), Encoding.UTF8.GetBytes(DeviceTopics.Online), null, null, MqttQoSLevel.AtLeastOnce, true);
            _client = client;
        }

        /// <summary>The serial TEST: a full connect (login, subscription, retained <c>online</c>), then a clean disconnect. Null when the gateway accepted the id and secret, else why not.</summary>
        public string Probe()
        {
            try
            {
                Connect();
                return null;
            }
            catch (Exception ex)
            {
                return ex.Message == "refused" ? "broker refused the id or secret" : "broker unreachable";
            }
            finally
            {
                DropClient();
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            object token;
            lock (_tokensByMessageId)
            {
                token = _tokensByMessageId[e.MessageId];
                _tokensByMessageId.Remove(e.MessageId);
            }
            if (token == null || _listener == null) return;
            if (e.IsPublished) _listener.OnPublishAcked((int)token);
            else _listener.OnPublishFailed((int)token);
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            if (_listener != null) _listener.OnMessage(e.Topic, e.Message);
        }

        private void OnClosed(object sender, EventArgs e)
        {
            lock (_tokensByMessageId) { _tokensByMessageId.Clear(); }
            _supervisor.OnDisconnected(_clock.MonotonicMs);
            if (_listener != null) _listener.OnConnectionChanged(false);
        }

        private void DropClient()
        {
            MqttClient old = _client;
            _client = null;
            if (old == null) return;
            try { old.Close(); } catch (Exception) { /* already gone */ }
        }
    }
}
