namespace EdgeGateway.Storage;

/// <summary>
/// A set of sequence numbers kept as sorted, disjoint, inclusive ranges. A device numbers its events 1, 2, 3 … per
/// boot, so one boot's ids are almost always a single range, and adding the next one only moves its end.
/// </summary>
internal sealed class SeqRanges
{
    private readonly List<(long Lo, long Hi)> _ranges = [];

    public bool IsEmpty => _ranges.Count == 0;

    public bool Contains(long seq) => Find(seq) >= 0;

    /// <summary>Adds <paramref name="seq"/>; false when it was already there.</summary>
    public bool Add(long seq)
    {
        var n = _ranges.Count;
        if (n > 0 && seq > long.MinValue && _ranges[n - 1].Hi == seq - 1)
        {
            _ranges[n - 1] = (_ranges[n - 1].Lo, seq); // the common case: the next seq of the current boot
            return true;
        }
        var i = Find(seq);
        if (i >= 0) return false;
        i = ~i; // _ranges[i - 1].Hi < seq < _ranges[i].Lo
        var joinsLeft = i > 0 && _ranges[i - 1].Hi == seq - 1;
        var joinsRight = i < n && seq < long.MaxValue && _ranges[i].Lo == seq + 1;
        if (joinsLeft && joinsRight)
        {
            _ranges[i - 1] = (_ranges[i - 1].Lo, _ranges[i].Hi);
            _ranges.RemoveAt(i);
        }
        else if (joinsLeft) _ranges[i - 1] = (_ranges[i - 1].Lo, seq);
        else if (joinsRight) _ranges[i] = (seq, _ranges[i].Hi);
        else _ranges.Insert(i, (seq, seq));
        return true;
    }

    /// <summary>Adds <paramref name="lo"/>..<paramref name="hi"/> (a range read back from a snapshot); how many were new.</summary>
    public long AddRange(long lo, long hi)
    {
        var n = _ranges.Count;
        if (n == 0 || lo > _ranges[n - 1].Hi + 1)
        {
            _ranges.Add((lo, hi)); // snapshots are written in order, so this is the only case in practice
            return hi - lo + 1;
        }
        long added = 0;
        for (var s = lo; s <= hi && s >= lo; s++) added += Add(s) ? 1 : 0;
        return added;
    }

    /// <summary>The ranges, lowest first.</summary>
    public IEnumerable<(long Lo, long Hi)> All => _ranges;

    /// <summary>Removes <paramref name="seq"/>; false when it was not there.</summary>
    public bool Remove(long seq)
    {
        var i = Find(seq);
        if (i < 0) return false;
        var (lo, hi) = _ranges[i];
        if (lo == hi) _ranges.RemoveAt(i);
        else if (seq == lo) _ranges[i] = (lo + 1, hi);
        else if (seq == hi) _ranges[i] = (lo, hi - 1);
        else
        {
            _ranges[i] = (lo, seq - 1);
            _ranges.Insert(i + 1, (seq + 1, hi));
        }
        return true;
    }

    /// <summary>The index of the range holding <paramref name="seq"/>, or the complement of where it would go.</summary>
    private int Find(long seq)
    {
        int lo = 0, hi = _ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = _ranges[mid];
            if (seq < r.Lo) hi = mid - 1;
            else if (seq > r.Hi) lo = mid + 1;
            else return mid;
        }
        return ~lo;
    }
}
