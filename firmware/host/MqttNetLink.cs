using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using EdgeGateway.Firmware.Core.Device;
using EdgeGateway.Firmware.Core.Protocol;
using EdgeGateway.Firmware.Core.Seams;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Firmware.Host
{
    /// <summary>
    /// The host build's <see cref="IMqttLink"/>: MQTT 3.1.1 over MQTTnet, with the SPEC.md last will
    /// (<c>offline</c>, retained, on the state topic), a retained <c>online</c>, and a subscription to the
    /// device's own <c>cmd</c> topic. Publishes are QoS 1; the PUBACK is reported to the listener.
    /// </summary>
    public sealed class MqttNetLink : IMqttLink, IAsyncDisposable
    {
        private readonly MqttLinkOptions _options;
        private readonly IMqttClient _client;
        private readonly CancellationTokenSource _stop = new();
        private IMqttLinkListener _listener;
        private int _nextToken;
        private readonly SystemClock _clock = new();
        private int _reconnecting;

        public MqttNetLink(MqttLinkOptions options)
        {
            _options = options;
            _client = new MqttClientFactory().CreateMqttClient();
            _client.ApplicationMessageReceivedAsync += e =>
            {
                var payload = e.ApplicationMessage.Payload.ToArray();
                _listener?.OnMessage(e.ApplicationMessage.Topic, payload);
                return Task.CompletedTask;
            };
            _client.DisconnectedAsync += OnDisconnectedAsync;
        }

        /// <summary>Raised with the token of each publish the broker acknowledged, before the listener hears of it.</summary>
        public event Action<int> PublishAcked;

        public bool IsConnected => _client.IsConnected;

        public void SetListener(IMqttLinkListener listener) => _listener = listener;

        /// <summary>Connects once; throws with the broker's reason when it refuses.</summary>
        public async Task ConnectAsync(CancellationToken ct)
        {
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithClientId(_options.DeviceId)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithCleanSession(false) // the gateway keeps the session: commands sent while offline arrive on reconnect
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithWillTopic(DeviceTopics.State(_options.DeviceId))
                .WithWillPayload(DeviceTopics.Offline)
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
            if (_options.Secret != null) builder.WithCredentials(_options.DeviceId, _options.Secret);
            if (_options.Tls) builder.WithTlsOptions(o => o.UseTls());

            var result = await _client.ConnectAsync(builder.Build(), ct).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"gateway refused {_options.DeviceId}: {result.ResultCode}");

            await _client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter(f => f.WithTopic(DeviceTopics.Cmd(_options.DeviceId)).WithAtLeastOnceQoS())
                    .Build(),
                ct).ConfigureAwait(false);
            await _client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(DeviceTopics.State(_options.DeviceId))
                    .WithPayload(DeviceTopics.Online)
                    .WithRetainFlag(true)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                ct).ConfigureAwait(false);
            _listener?.OnConnectionChanged(true);
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            if (!_client.IsConnected) return 0;
            var token = Interlocked.Increment(ref _nextToken);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            _ = PublishCoreAsync(token, message);
            return token;
        }

        private async Task PublishCoreAsync(int token, MqttApplicationMessage message)
        {
            bool acked;
            try
            {
                var result = await _client.PublishAsync(message, _stop.Token).ConfigureAwait(false);
                acked = result.IsSuccess;
            }
            catch (Exception)
            {
                acked = false;
            }
            if (acked)
            {
                PublishAcked?.Invoke(token);
                _listener?.OnPublishAcked(token);
            }
            else
            {
                _listener?.OnPublishFailed(token);
            }
        }

        private async Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
        {
            _listener?.OnConnectionChanged(false);
            if (!_options.AutoReconnect || _stop.IsCancellationRequested) return;
            if (Interlocked.Exchange(ref _reconnecting, 1) == 1) return;
            try
            {
                // The core's backoff (the same class the device's M2Mqtt link uses): 200 ms doubling to 10 s, with jitter.
                var supervisor = new ConnectionSupervisor(200, 10_000, _options.DeviceId.GetHashCode(StringComparison.Ordinal));
                supervisor.OnDisconnected(_clock.MonotonicMs);
                while (!_stop.IsCancellationRequested && !_client.IsConnected)
                {
                    try
                    {
                        var wait = supervisor.NextAttemptMs - _clock.MonotonicMs;
                        if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), _stop.Token).ConfigureAwait(false);
                        await ConnectAsync(_stop.Token).ConfigureAwait(false);
                        supervisor.OnConnected();
                    }
                    catch (OperationCanceledException) { return; }
                    catch (Exception)
                    {
                        supervisor.OnAttemptFailed(_clock.MonotonicMs);
                    }
                }
            }
            finally
            {
                Interlocked.Exchange(ref _reconnecting, 0);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            try
            {
                if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (Exception) { /* best effort on shutdown */ }
            _client.Dispose();
            _stop.Dispose();
        }
    }
}
