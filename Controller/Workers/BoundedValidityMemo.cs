using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// The process-wide <see cref="IValidityMemo"/>: a concurrent map that is simply cleared when it outgrows its
/// capacity (entries of replaced Secrets are never read again, so an occasional full reset costs one re-inspection
/// per Secret, and memory stays bounded without bookkeeping). Keys carry no key material; values are dates.
/// </summary>
public sealed class BoundedValidityMemo(int capacity) : IValidityMemo
{
    private readonly ConcurrentDictionary<object, object> _entries = new();

    public int Count => _entries.Count;

    public T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull
    {
        // Without a resourceVersion a Secret's content cannot be identified: never remember it.
        if (!Identifiable(key))
        {
            return compute();
        }
        if (_entries.TryGetValue(key, out var known) && known is T value)
        {
            return value;
        }
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
        return (T)_entries.GetOrAdd(key, _ => compute());
    }

    public T? Find<T>(object key)
        where T : class => _entries.TryGetValue(key, out var known) ? known as T : null;

    private static bool Identifiable(object key) => key switch
    {
        ValidityKey k => k.SecretResourceVersion.Length > 0 && k.CaResourceVersion.Length > 0,
        TemplateKey k => k.ResourceVersion.Length > 0,
        CertificateAuthorityKey k => k.ResourceVersion.Length > 0,
        KubeconfigContentKey => true,
        _ => false,
    };
}
