namespace EdgeGateway.Core.Commands;

/// <summary>The record of acknowledgements (implemented by storage; survives restarts). One record per alarm id.</summary>
public interface IAckLedger
{
    AckRecord? Find(string eventId);

    /// <summary>Stores or replaces the record of an alarm.</summary>
    void Put(AckRecord record);

    /// <summary>The record whose command this is, if any.</summary>
    AckRecord? FindByCommand(string commandId);

    /// <summary>The most recent acknowledgements, newest first (for the console).</summary>
    IReadOnlyList<AckRecord> Recent(int max);
}
