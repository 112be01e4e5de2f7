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
/// all sends together. The backoff returns to <c>min</c> once a connection has carried a send (<see cref="Proven"/>),
/// so a hub that drops every fresh connection is retried ever more slowly, never in a burst. An alarm waiting for the
/// link (<c>urgent</c>) cuts the current backoff short: the next connect attempt starts at once, or, if the last one
/// started less than <see cref="UplinkResilienceOptions.UrgentReconnectGap"/> ago, when that gap has passed.
/// </para>
/// </summary>
internal sealed class LinkKeeper : IDisposable
{
    private readonly string _name;
    private readonly Func<CancellationToken, Task<Task<bool>>> _connect;
    private readonly Func<Task> _disconnect;
    private readonly LinkBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource<long> _up = NewUp();
    private long _generation;
    private int _connects;
    private volatile bool _proven;

    /// <param name="connect">Makes one connection; returns a task that completes when it ends (true: a planned end, such as a token renewal, reconnected at once).</param>
    /// <param name="disconnect">Closes the current connection.</param>
    public LinkKeeper(string name, Func<CancellationToken, Task<Task<bool>>> connect, Func<Task> disconnect, UplinkResilienceOptions options,
        TimeProvider time, ILogger logger)
    {
        _name = name;
        _connect = connect;
        _disconnect = disconnect;
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

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? downSince = null;
        var failedConnects = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task<bool> ended;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                State = UplinkState.Connecting;
                _backoff.Attempting();
                ended = await _connect(cancellationToken).ConfigureAwait(false);
                _proven = false;
                Interlocked.Increment(ref _connects);
                State = UplinkState.Connected;
                Volatile.Read(ref _up).TrySetResult(Interlocked.Increment(ref _generation));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                State = UplinkState.Disconnected;
                var delay = _backoff.Next();
                if (downSince is null) ResilienceLog.LinkDown(_logger, _name, ex.Message, _backoff.Min.TotalMilliseconds, _backoff.Max.TotalMilliseconds);
                else ResilienceLog.ConnectRetry(_logger, _name, delay.TotalMilliseconds, ex.Message);
                downSince ??= _time.GetUtcNow();
                failedConnects++;
                await _backoff.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            finally
            {
                _gate.Release();
            }
            if (downSince is { } since)
            {
                ResilienceLog.LinkRestored(_logger, _name, (_time.GetUtcNow() - since).TotalSeconds, failedConnects + 1);
                downSince = null;
                failedConnects = 0;
            }
            Reconnected.Raise();

            var planned = await ended.WaitAsync(cancellationToken).ConfigureAwait(false);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _up, NewUp());
            State = UplinkState.Disconnected;
            _gate.Release();
            if (planned) continue;
            if (_proven) _backoff.Reset();
            downSince = _time.GetUtcNow();
            await _backoff.WaitAsync(_backoff.Next(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The generation of the connection that is up, waiting for one at most <paramref name="timeout"/>. An urgent
    /// caller ends the loop's current backoff at once.
    /// </summary>
    public async ValueTask<long> WaitUpAsync(bool urgent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var up = Volatile.Read(ref _up).Task;
        if (up.IsCompletedSuccessfully) return up.Result;
        if (urgent) _backoff.Cut();
        try
        {
            return await up.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new UplinkException($"the {_name} link is down (not back within {timeout.TotalSeconds:0.#} s)");
        }
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
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static TaskCompletionSource<long> NewUp() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
