using System.Collections.Concurrent;
using System.Security.Cryptography;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>
/// A key source for tests: a small pool of keys per algorithm, generated once per run and handed out round-robin
/// (as fresh copies), with serial numbers from a counter. Fast and repeatable within a run.
/// </summary>
public sealed class FixedKeySource : IKeyMaterialSource
{
    private const int PoolSize = 4;
    private static readonly ConcurrentDictionary<KeyAlgorithm, byte[][]> Pools = new();
    private readonly ConcurrentDictionary<KeyAlgorithm, int> _next = new();
    private long _serial;

    public static readonly FixedKeySource Shared = new();

    public AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm)
    {
        var pool = Pools.GetOrAdd(algorithm, a => [.. Enumerable.Range(0, PoolSize).Select(_ => Generate(a))]);
        var index = _next.AddOrUpdate(algorithm, 0, (_, i) => (i + 1) % PoolSize);
        AsymmetricAlgorithm key = algorithm.RsaBits() > 0 ? RSA.Create() : ECDsa.Create();
        key.ImportPkcs8PrivateKey(pool[index], out _);
        return key;
    }

    public byte[] NewSerialNumber()
    {
        var value = Interlocked.Increment(ref _serial);
        return [0x01, .. BitConverter.GetBytes(value).Reverse()];
    }

    private static byte[] Generate(KeyAlgorithm algorithm)
    {
        using var key = new SystemKeyMaterialSource().NewKey(algorithm);
        return key.ExportPkcs8PrivateKey();
    }
}
