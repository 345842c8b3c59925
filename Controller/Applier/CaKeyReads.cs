using System.Collections.Concurrent;
using System.Security.Cryptography;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Applier;

/// <summary>
/// The CA private keys one pass signs with, read from the API server (never from the caches, which do not hold
/// them): one GET per CA Secret the pass issues from, or one LIST per namespace whose every CA Secret it needs, and
/// every byte read is wiped when the pass is done, so outside an issuing pass the process holds no CA key. A CA
/// Secret that cannot be used carries the reason instead, which becomes the error of each target that needed it.
/// </summary>
public sealed class CaKeyReads : IDisposable
{
    /// <summary>The CA part of the Kamaji Secret cache's selector: what a LIST of one namespace's CA Secrets asks for.</summary>
    public const string CaSelector = WellKnown.ComponentLabel + "=ca";

    private readonly ConcurrentDictionary<ObjectRef, byte[]?> _keys = new();
    private readonly ConcurrentDictionary<ObjectRef, WriteResult> _failures = new();
    private readonly ConcurrentBag<SecretInfo> _read = [];

    private CaKeyReads()
    {
    }

    /// <summary>
    /// Reads the CA Secret of every Issue target once, with at most <paramref name="parallelism"/> requests at a time.
    /// <paramref name="cachedCaSecrets"/> (the CA Secrets the caches know, by namespace) lets a namespace be read with one LIST when
    /// the targets need every CA Secret in it, as a generator's first pass over whole namespaces does: a LIST returns
    /// them all, so only then does it read no key the pass does not sign with. Anything a LIST did not return is read
    /// with a GET, as without it.
    /// </summary>
    public static async Task<CaKeyReads> ReadAsync(
        IKubeApi api, IEnumerable<IssueRequest> requests, int parallelism, ConcurrentBag<Exception> unexpected, CancellationToken cancellationToken,
        ILookup<string, ObjectRef>? cachedCaSecrets = null)
    {
        var reads = new CaKeyReads();
        var distinct = requests.GroupBy(r => r.CaSecret).Select(g => g.First()).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        var listed = new ConcurrentDictionary<ObjectRef, SecretInfo>();
        await Parallel.ForEachAsync(WholeNamespaces(distinct, cachedCaSecrets), options,
            async (needed, ct) => await reads.ListAsync(api, needed.Key, needed.Value, listed, unexpected, ct));
        await Parallel.ForEachAsync(distinct, options, async (request, ct) =>
        {
            try
            {
                reads.Accept(request, listed.TryGetValue(request.CaSecret, out var secret) ? secret : await api.GetSecretAsync(request.CaSecret, ct));
            }
            catch (KubeApiException e)
            {
                reads._failures[request.CaSecret] = new WriteResult($"cannot read the Certificate Authority key: {e.Message}", e.IsTransient, e.RetryAfter);
            }
#pragma warning disable CA1031 // Contained on purpose: reported through PassReport.Unexpected, that CA's targets fail, the others go on.
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
#pragma warning restore CA1031
            {
                unexpected.Add(e);
                reads._failures[request.CaSecret] = new WriteResult($"unexpected error: {e.GetType().Name}: {e.Message}", true, null);
            }
        });
        return reads;
    }

    /// <summary>Namespaces where the targets need at least two CA Secrets and every one the caches know of.</summary>
    private static Dictionary<string, HashSet<ObjectRef>> WholeNamespaces(List<IssueRequest> distinct, ILookup<string, ObjectRef>? cached) =>
        cached is null ? [] : distinct.GroupBy(r => r.CaSecret.Namespace, StringComparer.Ordinal).Where(g => g.Skip(1).Any())
            .Select(g => (Namespace: g.Key, Needed: g.Select(r => r.CaSecret).ToHashSet()))
            .Where(n => cached[n.Namespace].All(n.Needed.Contains))
            .ToDictionary(n => n.Namespace, n => n.Needed, StringComparer.Ordinal);

    private async Task ListAsync(
        IKubeApi api, string ns, HashSet<ObjectRef> needed, ConcurrentDictionary<ObjectRef, SecretInfo> listed, ConcurrentBag<Exception> unexpected,
        CancellationToken cancellationToken)
    {
        try
        {
            foreach (var secret in await api.ListSecretsAsync(ns, CaSelector, cancellationToken))
            {
                _read.Add(secret);
                if (needed.Contains(secret.Ref))
                {
                    listed[secret.Ref] = secret;
                }
            }
        }
        catch (KubeApiException)
        {
            // Each of these CA Secrets is read with a GET instead, which reports its own failure.
        }
#pragma warning disable CA1031 // Contained on purpose: reported through PassReport.Unexpected; the GETs that follow go on.
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
        {
            unexpected.Add(e);
        }
    }

    /// <summary>Takes the key of the CA Secret as read (null: not found), or records why it cannot sign.</summary>
    private void Accept(IssueRequest request, SecretInfo? secret)
    {
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
