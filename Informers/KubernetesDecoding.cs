using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Informers;

/// <summary>
/// How deep the client decodes JSON. System.Text.Json stops at 64 levels by default, while kube-apiserver stores
/// objects nested up to 10,000 levels (Go's decoder limit): a TenantControlPlane 60 levels deep is legal, and
/// with the default every list and watch carrying it fails, so its informer restarts forever and no TCP is served.
/// The client's serializer options are process-wide and freeze at first use, so <see cref="Configure"/> runs first
/// thing in the process (Program, and the test assembly's module initializer). It also puts this project's generated
/// decoders first, for the types the client would otherwise decode by reflection, and skips every object's
/// <c>managedFields</c> (<see cref="SkipManagedFields"/>).
/// </summary>
public static class KubernetesDecoding
{
    /// <summary>kube-apiserver's limit plus the list and watch envelopes around an object.</summary>
    public const int MaxDepth = 10_016;

    // Thread-safe and run once, however often Configure is called.
    private static readonly Lazy<bool> Configured = new(() =>
    {
        KubernetesJson.AddJsonOptions(options =>
        {
            options.MaxDepth = MaxDepth;
            options.TypeInfoResolverChain.Insert(0, CustomObjectListContext.Default);
            options.Converters.Add(new SkipManagedFields());
        });
        return true;
    });

    public static void Configure() => _ = Configured.Value;
}

/// <summary>
/// Reads <c>metadata.managedFields</c> as absent. The controller reads no object's field ownership, and decoding it
/// (a field set per manager, kept as a JSON tree) was a fifth of the cost of every Secret the watches and write
/// answers delivered, its garbage not counted (bench/README.md, 2026-12-01, twelfth session). Writing is unchanged.
/// </summary>
internal sealed class SkipManagedFields : JsonConverter<IList<V1ManagedFieldsEntry>>
{
    public override bool HandleNull => false;

    public override IList<V1ManagedFieldsEntry>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A stream is decoded in chunks: the whole value is buffered before a converter runs, but only TrySkip knows.
        return reader.TrySkip() ? null : throw new JsonException("managedFields ended early");
    }

    public override void Write(Utf8JsonWriter writer, IList<V1ManagedFieldsEntry> value, JsonSerializerOptions options)
    {
        var entryType = (JsonTypeInfo<V1ManagedFieldsEntry>)options.GetTypeInfo(typeof(V1ManagedFieldsEntry));
        writer.WriteStartArray();
        foreach (var entry in value)
        {
            JsonSerializer.Serialize(writer, entry, entryType);
        }
        writer.WriteEndArray();
    }
}
