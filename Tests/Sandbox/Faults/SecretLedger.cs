using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Sandbox.Storage;

namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>
/// Watches the store from inside: every distinct client certificate that ever landed in a generated kubeconfig Secret
/// (label <c>kamaji.clastix.io/managed-by</c>), in order, the successive values of its rotate annotation, and every
/// private key that was ever stored in any Secret. Chaos
/// tests count issuances from it (a killed controller cannot under-report) and search logs for the keys.
/// </summary>
public sealed partial class SecretLedger
{
    private const string SecretsKey = "/secrets";
    private const string ManagedByLabel = "kamaji.clastix.io/managed-by";
    private const int MaxInspectedBytes = 2 * 1024 * 1024;
    private const string RotateAnnotation = "certs.kamaji.clastix.io/rotate";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _certificates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _rotations = new(StringComparer.Ordinal);
    private bool _attached;

    /// <summary>Starts recording (idempotent); earlier changes are not seen.</summary>
    public void Attach(ObjectStore store)
    {
        lock (_gate)
        {
            if (_attached)
            {
                return;
            }
            _attached = true;
        }
        store.Changed += OnChanged;
        foreach (var secret in store.List(SecretsKey, null).Items)
        {
            Record(secret);
        }
    }

    private void OnChanged(StoreEvent e)
    {
        if (e.StorageKey == SecretsKey && e.Type != StoreEventType.Deleted)
        {
            Record(e.Object);
        }
    }

    private void Record(StoredObject secret)
    {
        if (secret.Object["data"] is not JsonObject data)
        {
            return;
        }
        var managed = secret.Labels.ContainsKey(ManagedByLabel);
        if (managed)
        {
            RecordRotation(secret);
        }
        foreach (var (key, value) in data)
        {
            if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 and < MaxInspectedBytes } encoded)
            {
                continue;
            }
            var text = TryDecode(encoded);
            if (text is null)
            {
                continue;
            }
            try
            {
                Inspect(secret, managed && key == "value", text);
            }
            catch (RegexMatchTimeoutException)
            {
                // A hostile value: not a kubeconfig we issued; nothing to record.
            }
        }
    }

    private void Inspect(StoredObject secret, bool generatedValue, string text)
    {
        var keys = EmbeddedKey().Matches(text).Select(m => TryDecode(m.Groups[1].Value)).OfType<string>().ToList();
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            keys.Add(text);
        }
        var certificate = generatedValue ? EmbeddedCertificate().Match(text) : Match.Empty;
        lock (_gate)
        {
            _keys.UnionWith(keys);
            if (certificate.Success)
            {
                var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(certificate.Groups[1].Value)))[..16].ToLowerInvariant();
                var id = StoredObject.KeyOf(secret.Namespace, secret.Name);
                if (!_certificates.TryGetValue(id, out var list))
                {
                    _certificates[id] = list = [];
                }
                if (list.Count == 0 || list[^1] != fingerprint)
                {
                    list.Add(fingerprint);
                }
            }
        }
    }

    /// <summary>The rotate annotation's successive values and who owned them (server-side apply bookkeeping).</summary>
    private void RecordRotation(StoredObject secret)
    {
        var value = (secret.Object["metadata"]?["annotations"] as JsonObject)?[RotateAnnotation] is JsonValue v && v.TryGetValue<string>(out var text) ? $"\"{text}\"" : "absent";
        var owners = string.Join("+", (secret.Object["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => m["fieldsV1"]?["f:metadata"]?["f:annotations"]?[$"f:{RotateAnnotation}"] is not null)
            .Select(m => $"{m["manager"]}/{m["operation"]}"));
        var entry = owners.Length > 0 ? $"{value} ({owners})" : value;
        lock (_gate)
        {
            var id = StoredObject.KeyOf(secret.Namespace, secret.Name);
            if (!_rotations.TryGetValue(id, out var list))
            {
                _rotations[id] = list = [];
            }
            if ((list.Count == 0 || list[^1] != entry) && list.Count < 100)
            {
                list.Add(entry);
            }
        }
    }

    private static string? TryDecode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>{"secrets":[{"namespace","name","certificates":[fingerprint...]}],"keys":[PEM...]}.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            var secrets = new JsonArray();
            foreach (var (id, list) in _certificates.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var split = id.IndexOf('\0', StringComparison.Ordinal);
                secrets.Add(new JsonObject
                {
                    ["namespace"] = split < 0 ? "" : id[..split],
                    ["name"] = split < 0 ? id : id[(split + 1)..],
                    ["certificates"] = new JsonArray([.. list.Select(c => (JsonNode)c)]),
                    ["rotateAnnotation"] = new JsonArray([.. _rotations.GetValueOrDefault(id, []).Select(r => (JsonNode)r)]),
                });
            }
            return new JsonObject { ["secrets"] = secrets, ["keys"] = new JsonArray([.. _keys.Select(k => (JsonNode)k)]) };
        }
    }

    [GeneratedRegex(@"client-key-data:\s*([A-Za-z0-9+/=]+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmbeddedKey();

    [GeneratedRegex(@"client-certificate-data:\s*([A-Za-z0-9+/=]+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmbeddedCertificate();
}
