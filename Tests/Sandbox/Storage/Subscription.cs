using System.Threading.Channels;

namespace KamajiKubeconfig.Sandbox.Storage;

/// <summary>A watcher's feed of store events for one storage key. Completed when the store closes all watches.</summary>
public sealed class Subscription : IDisposable
{
    private readonly Action<Subscription> _onDispose;

    internal Subscription(string storageKey, Action<Subscription> onDispose)
    {
        StorageKey = storageKey;
        _onDispose = onDispose;
    }

    public string StorageKey { get; }

    public Channel<StoreEvent> Events { get; } = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Dispose() => _onDispose(this);
}
