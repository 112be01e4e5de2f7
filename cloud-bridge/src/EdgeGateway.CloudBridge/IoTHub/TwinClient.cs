using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.CloudBridge.IoTHub;

/// <summary>
/// Device twin requests over MQTT: GET to <c>$iothub/twin/GET/?$rid=</c>, reported patches to
/// <c>$iothub/twin/PATCH/properties/reported/?$rid=</c>; the hub answers on <c>$iothub/twin/res/{status}/?$rid=</c>.
/// </summary>
internal sealed class TwinClient
{
    private readonly IoTHubLink _link;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(int Status, byte[] Body)>> _pending = new();
    private long _nextRid;

    public TwinClient(IoTHubLink link, TimeSpan timeout)
    {
        _link = link;
        _timeout = timeout;
    }

    /// <summary>The whole twin: <c>{"desired":{…},"reported":{…}}</c>.</summary>
    public async Task<JsonDocument> GetAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await RequestAsync(IoTHubTopics.TwinGet, [], cancellationToken).ConfigureAwait(false);
        if (status != 200) throw new UplinkException($"twin GET answered {status}");
        return JsonDocument.Parse(body);
    }

    public async Task PatchReportedAsync(byte[] patch, CancellationToken cancellationToken)
    {
        var (status, _) = await RequestAsync(IoTHubTopics.TwinPatchReported, patch, cancellationToken).ConfigureAwait(false);
        if (status is < 200 or > 299) throw new UplinkException($"twin reported PATCH answered {status}");
    }

    /// <summary>Routes a <c>$iothub/twin/res/…</c> message to its waiting request. False if it is not one.</summary>
    public bool TryComplete(string topic, byte[] body)
    {
        if (!IoTHubTopics.TrySplit(topic, IoTHubTopics.TwinResponsePrefix, out var statusText, out var bag)) return false;
        if (bag.TryGetValue("$rid", out var rid) && _pending.TryRemove(rid, out var tcs)
            && int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            tcs.TrySetResult((status, body));
        }
        return true;
    }

    private async Task<(int Status, byte[] Body)> RequestAsync(Func<string, string> topic, byte[] body, CancellationToken cancellationToken)
    {
        var rid = Interlocked.Increment(ref _nextRid).ToString(CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<(int, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[rid] = tcs;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            await _link.PublishAsync(topic(rid), body, timeout.Token).ConfigureAwait(false);
            return await tcs.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UplinkException($"twin request {rid} got no answer within {_timeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _pending.TryRemove(rid, out _);
        }
    }
}
