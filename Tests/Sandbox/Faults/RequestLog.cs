namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>
/// Every resource request the sandbox routed, in order (an audit log): tests count a client's writes from the server
/// side, which survives the client being killed. Bounded: the oldest entries go first.
/// </summary>
public sealed class RequestLog
{
    private const int Capacity = 500_000;
    private readonly Lock _gate = new();
    private readonly LinkedList<RequestRecord> _records = new();
    private long _sequence;

    /// <summary>The sequence number of the last request recorded (0 before any).</summary>
    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    public RequestRecord Add(DateTimeOffset time, string user, string verb, string resource, string subresource, string ns, string name)
    {
        lock (_gate)
        {
            var record = new RequestRecord(++_sequence, time, user, verb, resource, subresource, ns, name, null);
            _records.AddLast(record);
            if (_records.Count > Capacity)
            {
                _records.RemoveFirst();
            }
            return record;
        }
    }

    /// <summary>Marks a recorded request as answered with an injected fault.</summary>
    public void MarkInjected(RequestRecord record, int code)
    {
        lock (_gate)
        {
            for (var node = _records.Last; node is not null; node = node.Previous)
            {
                if (node.Value.Sequence == record.Sequence)
                {
                    node.Value = record with { InjectedCode = code };
                    return;
                }
                if (node.Value.Sequence < record.Sequence)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The requests after sequence number <paramref name="after"/>, optionally only writes or only one user's.</summary>
    public IReadOnlyList<RequestRecord> Since(long after, bool writesOnly, string? user)
    {
        lock (_gate)
        {
            var result = new List<RequestRecord>();
            for (var node = _records.Last; node is not null && node.Value.Sequence > after; node = node.Previous)
            {
                var r = node.Value;
                if ((!writesOnly || r.IsWrite) && (user is null || r.User == user))
                {
                    result.Add(r);
                }
            }
            result.Reverse();
            return result;
        }
    }
}
