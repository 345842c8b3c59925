using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Mapping;

/// <summary>
/// Maps a TenantControlPlane (JSON) to the reconcile model. The document is kept (as its bytes) for <c>fromDefinition</c>, minus
/// <c>managedFields</c> and the last-applied annotation: they are large, and a path into them is no use. The copy
/// is made token by token, never recursively, so a TCP as deep as kube-apiserver allows is mapped like any other.
/// </summary>
public static class TenantControlPlaneMapper
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static TenantControlPlane FromJson(JsonElement tcp)
    {
        // Read from the element the client decoded; only the stored copy is trimmed.
        var metadata = tcp.Child("metadata");
        return new TenantControlPlane(
            StringPool.Shared.Intern(metadata?.Child("namespace").String() ?? ""),
            // Shared with the owner references and labels of its Secrets, which repeat both (a tenant's name was kept 8 times).
            StringPool.Shared.Intern(metadata?.Child("name").String() ?? ""),
            StringPool.Shared.Intern(metadata?.Child("uid").String() ?? ""),
            metadata?.Child("labels").StringMap() ?? SortedMap.Empty,
            (metadata?.Child("annotations").StringMap() ?? SortedMap.Empty).Without(LastApplied),
            tcp.Path("status", "kubeconfig", "admin", "secretName").String(),
            tcp.Path("status", "certificates", "ca", "secretName").String(),
            Trim(JsonMarshal.GetRawUtf8Value(tcp)),
            metadata?.Child("resourceVersion").String() ?? "");
    }

    private static byte[] Trim(ReadOnlySpan<byte> source)
    {
        var buffer = new ArrayBufferWriter<byte>(source.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = KubernetesDecoding.MaxDepth, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(source, new JsonReaderOptions { MaxDepth = KubernetesDecoding.MaxDepth });
            CopyWithout(ref reader, source, writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Every token except <c>metadata.managedFields</c> (depth 2) and the last-applied annotation (depth 3); scalars as their source bytes.</summary>
    private static void CopyWithout(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, Utf8JsonWriter writer)
    {
        var inMetadata = false;
        var inAnnotations = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var depth = reader.CurrentDepth;
                    var name = reader.GetString();
                    if ((depth == 2 && inMetadata && name == "managedFields") || (depth == 3 && inAnnotations && name == LastApplied))
                    {
                        reader.Read();
                        reader.Skip();
                        continue;
                    }
                    inMetadata = depth == 1 ? name == "metadata" : inMetadata;
                    inAnnotations = depth == 2 ? inMetadata && name == "annotations" : depth < 2 ? false : inAnnotations;
                    writer.WritePropertyName(name!);
                    break;
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteRawValue(source.Slice((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex)), skipInputValidation: true);
                    break;
            }
        }
    }
}
