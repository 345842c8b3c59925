using System.Diagnostics.CodeAnalysis;

namespace KamajiKubeconfig.Queue;

/// <summary>
/// What <see cref="WorkQueue{T}.GetAsync"/> hands out: an item, which the caller owns until it calls
/// <see cref="WorkQueue{T}.Done"/>, or the signal that the queue is shut down and drained and the worker
/// should stop (client-go's <c>(item, shutdown)</c> pair). <c>default</c> is the shut-down signal.
/// </summary>
internal readonly record struct QueueItem<T>
    where T : notnull
{
    private readonly T? _item;

    public QueueItem(T item)
    {
        _item = item;
        HasItem = true;
    }

    /// <summary>The signal that the queue is shut down and has nothing left to hand out.</summary>
    public static QueueItem<T> ShutDown => default;

    public bool HasItem { get; }

    public bool IsShutDown => !HasItem;

    /// <summary>The item; throws on the shut-down signal, which has none.</summary>
    public T Item => HasItem ? _item! : throw new InvalidOperationException("The queue is shut down; there is no item.");

    /// <summary>Written by hand: the generated one would read <see cref="Item"/>, which throws on the signal.</summary>
    public override string ToString() => HasItem ? $"QueueItem({_item})" : "QueueItem(shut down)";

    /// <summary>The usual worker loop test: <c>if (!next.TryGetItem(out var key)) return;</c>.</summary>
    public bool TryGetItem([MaybeNullWhen(false)] out T item)
    {
        item = _item;
        return HasItem;
    }
}
