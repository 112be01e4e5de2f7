namespace EdgeGateway.Core.History;

/// <summary>
/// The history journal: every event the gateway took, kept for a number of days within a size cap (oldest dropped
/// first), searchable. Separate from the buffer: writing or pruning it never touches what the buffer guarantees, and
/// only <see cref="JournalRecorder"/> writes it, on its own low-priority thread, off the ingest path.
/// </summary>
public interface IEventJournal
{
    /// <summary>Writes entries in one transaction, then drops whatever the retention no longer allows. Blocks until done (called on the journal's own thread).</summary>
    void Append(IReadOnlyList<JournalEntry> entries);

    Task<JournalPage> QueryAsync(JournalQuery query, CancellationToken cancellationToken);
}
