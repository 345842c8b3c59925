using System.Text.Json;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// The projection of a TenantControlPlane that reconcile reads. <see cref="Json"/> is the object as JSON (managed
/// fields stripped at the edge), because <c>fromDefinition</c> may point anywhere in it. The resourceVersion is for the
/// informer cache; reconcile does not read it.
/// </summary>
public sealed record TenantControlPlane(
    string Namespace,
    string Name,
    string Uid,
    SortedMap Labels,
    SortedMap Annotations,
    string? AdminSecretName,
    string? CaSecretName,
    ReadOnlyMemory<byte> Json,
    string ResourceVersion = "")
{
    public ObjectRef Ref => new(Namespace, Name);

    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);

    /// <summary>
    /// kube-apiserver's nesting limit for one object: the mapper parsed <see cref="Json"/> within it, so reading it
    /// again never fails.
    /// </summary>
    public const int MaxDepth = 10_000;

    /// <summary>
    /// <see cref="Json"/> parsed, on each read: reconcile reads a few paths per tenant per plan, while the caches hold
    /// every tenant, so they keep the bytes alone (a parsed document keeps them plus its token table, as large again).
    /// </summary>
    public JsonElement Document
    {
        get
        {
            var reader = new Utf8JsonReader(Json.Span, new JsonReaderOptions { MaxDepth = MaxDepth });
            return JsonElement.ParseValue(ref reader);
        }
    }
}
