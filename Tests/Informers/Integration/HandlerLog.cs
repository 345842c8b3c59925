using System.Collections.Concurrent;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>What an informer's handlers were told, in order; tests poll it rather than wait for an exact sequence,
/// because a live server may interleave changes the test did not make (namespace finalisation, bookmarks).</summary>
internal sealed class HandlerLog
{
    private readonly ConcurrentQueue<Seen> _seen = new();

    public IReadOnlyList<Seen> All => [.. _seen];

    public void Record(Row? oldRow, Row? newRow)
    {
        var kind = (oldRow, newRow) switch
        {
            (null, not null) => SeenKind.Added,
            (not null, null) => SeenKind.Deleted,
            _ => SeenKind.Updated,
        };
        _seen.Enqueue(new Seen(kind, (newRow ?? oldRow)!));
    }

    public bool Has(SeenKind kind, ObjectKey key, string? step = null) =>
        _seen.Any(s => s.Kind == kind && s.Row.Key == key && (step is null || s.Row.Step == step));

    public int Count(SeenKind kind, ObjectKey key) => _seen.Count(s => s.Kind == kind && s.Row.Key == key);

    public bool Mentions(ObjectKey key) => _seen.Any(s => s.Row.Key == key);
}

internal enum SeenKind
{
    Added,
    Updated,
    Deleted,
}

internal sealed record Seen(SeenKind Kind, Row Row);
