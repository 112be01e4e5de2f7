using EdgeGateway.Firmware.Core.Seams;

namespace EdgeGateway.Firmware.Tests.Fakes;

/// <summary>
/// The radio, scripted: records publishes and lets the test deliver PUBACKs, drops and messages in any order.
/// (A hardware seam, so a fake is the right tool for state-machine tests; the virtual-device tests use a real broker.)
/// </summary>
internal sealed class ScriptedLink : IMqttLink
{
    private IMqttLinkListener? _listener;
    private int _next;

    public List<(int Token, string Topic, byte[] Payload)> Published { get; } = [];

    public bool IsConnected { get; private set; } = true;

    public void SetListener(IMqttLinkListener listener) => _listener = listener;

    public int Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected) return 0;
        var token = ++_next;
        Published.Add((token, topic, payload));
        return token;
    }

    public void Ack(int token) => _listener!.OnPublishAcked(token);

    public void Drop()
    {
        IsConnected = false;
        _listener!.OnConnectionChanged(false);
    }

    public void Restore()
    {
        IsConnected = true;
        _listener!.OnConnectionChanged(true);
    }

    public void Deliver(string topic, string payload) => _listener!.OnMessage(topic, System.Text.Encoding.UTF8.GetBytes(payload));
}
