using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>A memo that counts the client-kubeconfig entries it computed (memo misses, and entries seeded after a write).</summary>
internal sealed class CountingMemo(IValidityMemo inner) : IValidityMemo
{
    private int _inspections;

    /// <summary>Counted atomically: a pass plans many TCPs in parallel.</summary>
    public int Inspections => Volatile.Read(ref _inspections);

    public T GetOrAdd<T>(object key, Func<T> compute)
        where T : notnull =>
        inner.GetOrAdd(key, () =>
        {
            if (key is ValidityKey)
            {
                Interlocked.Increment(ref _inspections);
            }
            return compute();
        });
}
