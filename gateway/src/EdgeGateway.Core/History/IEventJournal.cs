namespace EdgeGateway.Core.History;

/// <summary>
/// The history journal: every event the gateway took, kept for a number of days within a size cap (oldest dropped
/// first), searchable. Separate from the buffer: writing or pruning it never touches what the buffer guarantees, and
/// only <see cref="JournalRecorder"/> writes it, off the ingest path.
/// </summary>
public interface IEventJournal
{
    /// <summary>Writes entries in one transaction, then drops whatever the retention no longer allows.</summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    Task<JournalPage> QueryAsync(JournalQuery query, CancellationToken cancellationToken);
}
