namespace EdgeGateway.CloudBridge.Resilience;

/// <summary>
/// Keeps one link's non-alarm batches in the order the forwarder sent them (G5) across a lost connection. They are
/// handed to the client one after another, strictly in the order they arrived (a chain of turns), and once a batch has
/// failed, a batch that arrived before that failure is not handed over at all, not even to a newer connection: it
/// fails too ("held back"), and the forwarder's rewind sends both again, in order. Without this fence a batch that
/// waited for the link while an earlier one failed on the old connection went up first on the new one (the
/// upstream-flaps test saw one device's seq 1337 before 1336). Alarms take no turn here: a P0 is sent alone, is another
/// class, and must not wait.
/// </summary>
internal sealed class SendOrder
{
    private Task _tail = Task.CompletedTask;
    private long _failures;

    /// <summary>Taken when a batch arrives: what it must still find when its turn comes.</summary>
    public long Ticket() => Interlocked.Read(ref _failures);

    /// <summary>Waits until every batch that arrived before has been handed over; dispose the result to end the turn.</summary>
    public async Task<IDisposable> TakeTurnAsync(CancellationToken cancellationToken)
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

    /// <summary>Fails the batch holding <paramref name="ticket"/> if a batch failed since it arrived.</summary>
    public void ThrowIfOvertaken(long ticket)
    {
        if (Interlocked.Read(ref _failures) != ticket)
            throw new UplinkException("held back: a batch sent before it failed; the forwarder sends both again, in order") { HeldBack = true };
    }

    /// <summary>A non-alarm batch failed (not one held back): the batches waiting behind it will be held back.</summary>
    public void Failed() => Interlocked.Increment(ref _failures);

    private sealed class Turn(TaskCompletionSource done) : IDisposable
    {
        public void Dispose() => done.TrySetResult();
    }
}
