namespace KamajiKubeconfig.Informers;

/// <summary>What <see cref="Informer{TRaw,TObject}.AddHandler"/> returns: disposing it unregisters, once.</summary>
internal sealed class HandlerRegistration(Action unregister) : IDisposable
{
    private Action? _unregister = unregister;

    public void Dispose() => Interlocked.Exchange(ref _unregister, null)?.Invoke();
}
