using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>A memo that counts the client-kubeconfig entries it computed (memo misses, and entries seeded after a write).</summary>
internal sealed class CountingMemo(IValidityMemo inner) : IValidityMemo
{
    public int Inspections { get; private set; }

    public T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull =>
        inner.GetOrAdd(key, () =>
        {
            if (key is ValidityKey)
            {
                Inspections++;
            }
            return compute();
        });
}
