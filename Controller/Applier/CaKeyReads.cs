using System.Collections.Concurrent;
using System.Security.Cryptography;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The CA private keys one pass signs with, read from the API server (never from the caches, which do not hold
/// them): one GET per CA Secret the pass issues from, and every byte read is wiped when the pass is done, so outside
/// an issuing pass the process holds no CA key. A CA Secret that cannot be used carries the reason instead, which
/// becomes the error of each target that needed it.
/// </summary>
public sealed class CaKeyReads : IDisposable
{
    private readonly ConcurrentDictionary<ObjectRef, byte[]?> _keys = new();
    private readonly ConcurrentDictionary<ObjectRef, WriteResult> _failures = new();
    private readonly ConcurrentBag<SecretInfo> _read = [];

    private CaKeyReads()
    {
    }

    /// <summary>Reads the CA Secret of every Issue target once, with at most <paramref name="parallelism"/> requests at a time.</summary>
    public static async Task<CaKeyReads> ReadAsync(
        IKubeApi api, IEnumerable<IssueRequest> requests, int parallelism, ConcurrentBag<Exception> unexpected, CancellationToken cancellationToken)
    {
        var reads = new CaKeyReads();
        var distinct = requests.GroupBy(r => r.CaSecret).Select(g => g.First()).ToList();
        await Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (request, ct) => await reads.ReadOneAsync(api, request, unexpected, ct));
        return reads;
    }

    private async Task ReadOneAsync(IKubeApi api, IssueRequest request, ConcurrentBag<Exception> unexpected, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await api.GetSecretAsync(request.CaSecret, cancellationToken);
            if (secret is null)
            {
                _failures[request.CaSecret] = new WriteResult(
                    $"cannot retrieve Certificate Authority: secrets {GoFormat.Quote(request.CaSecret.Name)} not found", true, null);
                return;
            }
            _read.Add(secret);
            if (!(secret.Get(WellKnown.CaCertificateKey) ?? []).AsSpan().SequenceEqual(request.CertificateAuthority.CertificatePem))
            {
                // Its certificate changed after the pass planned (a CA rotation): signing with the new key would not
                // match the planned certificate. The change reaches the caches and wakes the generator again.
                _failures[request.CaSecret] = new WriteResult(
                    $"the Certificate Authority Secret {GoFormat.Quote(request.CaSecret.ToString())} changed while this pass planned: retrying", true, null);
                return;
            }
            _keys[request.CaSecret] = secret.Get(WellKnown.CaPrivateKeyKey);
        }
        catch (KubeApiException e)
        {
            _failures[request.CaSecret] = new WriteResult($"cannot read the Certificate Authority key: {e.Message}", e.IsTransient, e.RetryAfter);
        }
#pragma warning disable CA1031 // Contained on purpose: reported through PassReport.Unexpected, that CA's targets fail, the others go on.
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
        {
            unexpected.Add(e);
            _failures[request.CaSecret] = new WriteResult($"unexpected error: {e.GetType().Name}: {e.Message}", true, null);
        }
    }

    /// <summary>The reason the CA Secret <paramref name="caSecret"/> cannot sign this pass, or null.</summary>
    public WriteResult? FailureOf(ObjectRef caSecret) => _failures.TryGetValue(caSecret, out var failure) ? failure : null;

    /// <summary>The <c>ca.key</c> read for <paramref name="caSecret"/> (null when the Secret has none, or it was not read).</summary>
    public byte[]? KeyOf(ObjectRef caSecret) => _keys.GetValueOrDefault(caSecret);

    public void Dispose()
    {
        foreach (var value in _read.SelectMany(s => s.Data.Values))
        {
            CryptographicOperations.ZeroMemory(value);
        }
        _keys.Clear();
    }

    public override string ToString() => $"CaKeyReads {{ {_keys.Count} read, {_failures.Count} failed }}";
}
