namespace EdgeGateway.Core.Debounce;

/// <summary>
/// Tells the buffer to merge an event into a still-buffered one with the same <paramref name="Key"/>, if there
/// is one. The merged event lists every id it stands for (<c>ids</c>) and carries <paramref name="Repeat"/>.
/// </summary>
/// <param name="Repeat">How many events of this group came before this one (0 for the first).</param>
public sealed record CoalesceRequest(string Key, CoalesceMode Mode, int Repeat);
