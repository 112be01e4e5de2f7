using EdgeGateway.Contracts.Uplink;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// The single reconnect loop of one link. Only <see cref="RunAsync"/> connects; sends never do. Every connection gets
/// a generation number. A send waits for the link to be up (<see cref="WaitUpAsync"/>, bounded by its timeout) and
/// learns the generation it uses; a stalled send resets only that connection (<see cref="ResetAsync"/>: a reset naming
/// an older generation does nothing), so one attempt cannot close the connection another just rebuilt.
/// <para>
/// After a loss or a failed connect the loop waits one backoff (jittered, doubling from <c>min</c> to <c>max</c>) for
/// all sends together. The backoff returns to <c>min</c> once a connection has carried a send (<see cref="Proven"/>) or
/// stayed up longer than <c>max</c>, so a hub that drops every fresh connection is retried ever more slowly, never in
/// a burst. An alarm waiting for the link (<c>urgent</c>) cuts the current backoff short: the next connect attempt
/// starts at once, or, if the last one started less than <see cref="UplinkResilienceOptions.UrgentReconnectGap"/> ago,
/// when that gap has passed. Not while the hub refuses the gateway itself (bad credentials, a disabled identity, an
/// exhausted quota: <see cref="UplinkException.Refused"/>): then every attempt waits its full backoff, alarms or not.
/// </para>
/// </summary>
internal sealed class LinkKeeper : IDisposable
{
    private readonly string _name;
    private readonly Func<CancellationToken, Task<Task<bool>>> _connect;
    private readonly Func<Task> _disconnect;
    private readonly Func<bool> _isConnected;
    private readonly LinkBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _startLock = new();
    private TaskCompletionSource<long> _up = NewUp();
    private TaskCompletionSource<Exception> _failed = NewFailed();
    private Task? _loop;
    private Exception? _lastFailure;
    private long _generation;
    private int _connects;
    private volatile bool _proven;

    /// <param name="connect">Makes one connection; returns a task that completes when it ends (true: a planned end, such as a token renewal, reconnected at once).</param>
    /// <param name="disconnect">Closes the current connection.</param>
    /// <param name="isConnected">Whether the client still holds its connection (checked before a send is handed one).</param>
    public LinkKeeper(string name, Func<CancellationToken, Task<Task<bool>>> connect, Func<Task> disconnect, Func<bool> isConnected,
        UplinkResilienceOptions options, TimeProvider time, ILogger logger)
    {
        _name = name;
        _connect = connect;
        _disconnect = disconnect;
        _isConnected = isConnected;
        _backoff = new LinkBackoff(options, time);
        _time = time;
        _logger = logger;
    }

    public UplinkState State { get; private set; } = UplinkState.Disconnected;

    /// <summary>The current (or last) connection's generation; 0 before the first.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Connections made so far.</summary>
    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Raised after every successful connect.</summary>
    public ReconnectSignal Reconnected { get; } = new();

    /// <summary>
    /// Runs the loop until <paramref name="cancellationToken"/> (the host's stop) or <see cref="Dispose"/>. A send that
    /// finds the loop not running starts it (<see cref="WaitUpAsync"/>), so an uplink used without a host still connects.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stopping))
        {
            await EnsureStarted().ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private Task EnsureStarted()
    {
        lock (_startLock)
        {
            return _loop ??= Task.Run(() => LoopAsync(_stopping.Token));
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        try
        {
            await ConnectForeverAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // stopped (the host's stop or Dispose), possibly in the middle of a connect
        }
    }

    private async Task ConnectForeverAsync(CancellationToken stopping)
    {
        DateTimeOffset? downSince = null;
        var failedConnects = 0;
        while (!stopping.IsCancellationRequested)
        {
            Task<bool> ended;
            await _gate.WaitAsync(stopping).ConfigureAwait(false);
            // Sends that start waiting from now on hear of the attempt after this one; this one answers those before it.
            var failure = Interlocked.Exchange(ref _failed, NewFailed());
            try
            {
                State = UplinkState.Connecting;
                _backoff.Attempting();
                ended = await _connect(stopping).ConfigureAwait(false);
                _proven = false;
                Interlocked.Increment(ref _connects);
                State = UplinkState.Connected;
                _backoff.Refused = false;
                Volatile.Write(ref _lastFailure, null);
                Volatile.Read(ref _up).TrySetResult(Interlocked.Increment(ref _generation));
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                State = UplinkState.Disconnected;
                // Sends waiting for the link fail now with the reason, instead of sitting out their whole timeout.
                Volatile.Write(ref _lastFailure, ex);
                failure.TrySetResult(ex);
                var delay = _backoff.Next();
                var refused = ex is UplinkException { Refused: true };
                if (refused && !_backoff.Refused) ResilienceLog.Refused(_logger, _name, ex.Message, _backoff.Max.TotalMilliseconds);
                _backoff.Refused = refused;
                if (downSince is null) ResilienceLog.LinkDown(_logger, _name, ex.Message, _backoff.Min.TotalMilliseconds, _backoff.Max.TotalMilliseconds);
                else ResilienceLog.ConnectRetry(_logger, _name, delay.TotalMilliseconds, ex.Message);
                downSince ??= _time.GetUtcNow();
                failedConnects++;
                _gate.Release();
                await _backoff.WaitAsync(delay, stopping).ConfigureAwait(false);
                continue;
            }
            catch
            {
                _gate.Release();
                throw;
            }
            _gate.Release();
            if (downSince is { } since)
            {
                ResilienceLog.LinkRestored(_logger, _name, (_time.GetUtcNow() - since).TotalSeconds, failedConnects + 1);
                downSince = null;
                failedConnects = 0;
            }
            Reconnected.Raise();

            var connectedAt = _time.GetTimestamp();
            var planned = await ended.WaitAsync(stopping).ConfigureAwait(false);
            Lost(Generation);
            if (planned) continue;
            // A connection that carried a send, or stayed up longer than the longest backoff, was a good one.
            if (_proven || _time.GetElapsedTime(connectedAt) >= _backoff.Max) _backoff.Reset();
            ResilienceLog.LinkDown(_logger, _name, "connection lost", _backoff.Min.TotalMilliseconds, _backoff.Max.TotalMilliseconds);
            downSince = _time.GetUtcNow();
            await _backoff.WaitAsync(_backoff.Next(), stopping).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The generation of the connection that is up. When the link is down, waits for the loop's next connect: its
    /// success, or its failure (then this throws with the reason), at most <paramref name="timeout"/>. A caller that is
    /// not urgent fails at once while the link is known to be down (its last connect failed). An urgent caller waits for
    /// the next connect and ends the loop's current backoff at once (<see cref="LinkBackoff.Cut"/>), except while the hub
    /// refuses the gateway itself: then it fails at once with the refusal, as waiting could only end the same way.
    /// </summary>
    public async ValueTask<long> WaitUpAsync(bool urgent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var up = Volatile.Read(ref _up).Task;
        if (up.IsCompletedSuccessfully)
        {
            if (_isConnected()) return up.Result;
            Lost(up.Result); // the client already knows the connection is gone; its event has not arrived yet
            up = Volatile.Read(ref _up).Task;
            if (up.IsCompletedSuccessfully) return up.Result;
        }
        var failed = Volatile.Read(ref _failed).Task;
        _ = EnsureStarted();
        var cut = urgent && _backoff.Cut(); // an alarm: the next connect starts now (after the urgent gap), unless refused
        if (!cut && Volatile.Read(ref _lastFailure) is { } down) throw LinkDown(down); // known down: the keeper will say when it is back
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(timeout, _time, stop.Token);
        var first = await Task.WhenAny(up, failed, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (first == up) return await up.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == failed) throw LinkDown(await failed.ConfigureAwait(false));
        throw new UplinkException($"the {_name} link is down (not back within {timeout.TotalSeconds:0.#} s)") { LinkDown = true };
    }

    private UplinkException LinkDown(Exception reason) =>
        new($"the {_name} link is down: {reason.Message}", reason) { LinkDown = true };

    /// <summary>
    /// Connection <paramref name="generation"/> is gone (the client saw it drop, or it was closed): sends wait for the
    /// next one from now on. Called by the link as soon as it knows, so no send picks up a dead connection; a stale
    /// generation and repeated calls change nothing.
    /// </summary>
    public void Lost(long generation)
    {
        var up = Volatile.Read(ref _up);
        if (!up.Task.IsCompletedSuccessfully || up.Task.Result != generation) return;
        State = UplinkState.Disconnected;
        Interlocked.CompareExchange(ref _up, NewUp(), up);
    }

    /// <summary>A send succeeded over connection <paramref name="generation"/>: the next loss starts from the first backoff step.</summary>
    public void Proven(long generation)
    {
        if (generation == Generation) _proven = true;
    }

    /// <summary>Closes connection <paramref name="generation"/> if it is still the current one; true when it did.</summary>
    public async Task<bool> ResetAsync(long generation, string reason)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = Generation;
            if (generation != current || State != UplinkState.Connected)
            {
                ResilienceLog.StaleReset(_logger, _name, generation, current, reason);
                return false;
            }
            ResilienceLog.Reset(_logger, _name, generation, reason);
            await _disconnect().ConfigureAwait(false);
            Lost(generation);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the loop (it does not close the connection: its owner does).</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static TaskCompletionSource<long> NewUp() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<Exception> NewFailed() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
