namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// Keeps one link's non-alarm batches in the order the forwarder sent them (G5) across a lost connection. They are
/// handed to the client one after another, strictly in the order they arrived (a chain of turns), and once a batch has
/// failed, a batch that arrived before that failure is not handed over at all, not even to a newer connection: it
/// fails too ("held back"), and the forwarder's rewind sends both again, in order. Without this fence a batch that
/// waited for the link while an earlier one failed on the old connection went up first on the new one (the
/// upstream-flaps test saw one device's seq 1337 before 1336). Nor is a batch handed to a newer connection while an
/// earlier batch still waits for its acks on an older one: those acks will never come, but the failure is only counted
/// when that batch's continuation runs, which on a busy thread pool can be after the link is back (the flaps test saw
/// seq 883 before 867 in a full test run). Alarms take no turn here: a P0 is sent alone, is another class, and must not
/// wait.
/// </summary>
internal sealed class SendOrder
{
    private readonly Dictionary<long, int> _awaitingAcksByGeneration = [];
    private Task _tail = Task.CompletedTask;
    private long _failures;
    private long _turnGeneration;

    /// <summary>
    /// Sends a non-alarm batch in its turn: <paramref name="handOver"/> waits for the link, calls
    /// <see cref="ThrowIfOvertaken"/> with the ticket it is given, hands the batch to the client and returns the task of
    /// its acks, which is awaited after the turn has passed to the next batch. A failure (other than being held back)
    /// holds back the batches that arrived before it.
    /// </summary>
    public async Task SendAsync(Func<long, Task<Task>> handOver, CancellationToken cancellationToken)
    {
        var ticket = Interlocked.Read(ref _failures);
        Task acked;
        long generation;
        using (await TakeTurnAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                acked = await handOver(ticket).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not UplinkException { HeldBack: true } and not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failures);
                throw;
            }
            generation = _turnGeneration; // set by ThrowIfOvertaken in this turn; turns run one at a time
            lock (_awaitingAcksByGeneration) _awaitingAcksByGeneration[generation] = _awaitingAcksByGeneration.GetValueOrDefault(generation) + 1;
        }
        try
        {
            await acked.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failures);
            throw;
        }
        finally
        {
            lock (_awaitingAcksByGeneration)
            {
                if (--_awaitingAcksByGeneration[generation] == 0) _awaitingAcksByGeneration.Remove(generation);
            }
        }
    }

    /// <summary>
    /// Fails the batch holding <paramref name="ticket"/>, about to be handed to connection <paramref name="generation"/>,
    /// if a batch failed since it arrived or an earlier batch still waits for acks on an older connection.
    /// </summary>
    public void ThrowIfOvertaken(long ticket, long generation)
    {
        if (Interlocked.Read(ref _failures) != ticket)
            throw new UplinkException("held back: a batch sent before it failed; the forwarder sends both again, in order") { HeldBack = true };
        lock (_awaitingAcksByGeneration)
        {
            foreach (var older in _awaitingAcksByGeneration.Keys)
            {
                if (older < generation)
                    throw new UplinkException("held back: a batch sent before it is still unacked on the lost connection; the forwarder sends both again, in order") { HeldBack = true };
            }
        }
        _turnGeneration = generation;
    }

    /// <summary>Waits until every batch that arrived before has been handed over; dispose the result to end the turn.</summary>
    private async Task<IDisposable> TakeTurnAsync(CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = Interlocked.Exchange(ref _tail, mine.Task);
        try
        {
            await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Gone before its turn: the next in line still waits for the one before this.
            _ = previous.ContinueWith(_ => mine.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        return new Turn(mine);
    }

    private sealed class Turn(TaskCompletionSource done) : IDisposable
    {
        public void Dispose() => done.TrySetResult();
    }
}
