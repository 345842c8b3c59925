using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Sandbox.Kamaji;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// Follows the sandbox's store as it changes (its own event, in-process, so polling costs nothing): which generated
/// Secrets exist and since when, how many each generator has, and when Kamaji's Secrets of each TCP became ready
/// (the TCP status first naming its admin kubeconfig Secret: the moment a controller can act).
/// </summary>
public sealed class ClusterWatch
{
    private readonly ConcurrentDictionary<string, string> _managed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _presentSince = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _kamajiReady = new(StringComparer.Ordinal);

    public void OnChanged(StoreEvent e)
    {
        if (e.StorageKey == "/secrets")
        {
            OnSecret(e);
        }
        else if (e.StorageKey == KamajiSimulator.TcpStorageKey && e.Type != StoreEventType.Deleted)
        {
            OnTenant(e);
        }
    }

    /// <summary>Generated Secrets of <paramref name="generator"/> that exist now.</summary>
    public int Count(string generator) => _counts.GetValueOrDefault(generator);

    public bool Present(string ns, string name) => _managed.ContainsKey(Key(ns, name));

    /// <summary><see cref="Stopwatch"/> timestamp of the last time the Secret appeared.</summary>
    public long? PresentSince(string ns, string name) => _presentSince.TryGetValue(Key(ns, name), out var at) ? at : null;

    /// <summary><see cref="Stopwatch"/> timestamp of the TCP's status first naming its admin kubeconfig Secret.</summary>
    public long? KamajiReadyAt(string ns, string name) => _kamajiReady.TryGetValue(Key(ns, name), out var at) ? at : null;

    private void OnSecret(StoreEvent e)
    {
        var key = Key(e.Object.Namespace, e.Object.Name);
        var generator = e.Type == StoreEventType.Deleted ? null : e.Object.Labels.GetValueOrDefault(WellKnown.ManagedByLabel);
        if (generator is not null)
        {
            if (_managed.TryAdd(key, generator))
            {
                _presentSince[key] = Stopwatch.GetTimestamp();
                _counts.AddOrUpdate(generator, 1, (_, n) => n + 1);
            }
        }
        else if (_managed.TryRemove(key, out var was))
        {
            _counts.AddOrUpdate(was, 0, (_, n) => n - 1);
        }
    }

    private void OnTenant(StoreEvent e)
    {
        var key = Key(e.Object.Namespace, e.Object.Name);
        if (_kamajiReady.ContainsKey(key))
        {
            return;
        }
        // Parsed from the stored bytes: the stored JsonObject is shared with request threads.
        using var document = JsonDocument.Parse(e.Object.Json);
        if (document.RootElement.TryGetProperty("status", out var status)
            && status.TryGetProperty("kubeconfig", out var kubeconfig)
            && kubeconfig.TryGetProperty("admin", out var admin)
            && admin.TryGetProperty("secretName", out var secretName)
            && secretName.ValueKind == JsonValueKind.String)
        {
            _kamajiReady.TryAdd(key, Stopwatch.GetTimestamp());
        }
    }

    private static string Key(string ns, string name) => ns + "/" + name;
}
