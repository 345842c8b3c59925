using System.Text.Json;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// The projection of a TenantControlPlane that reconcile reads. <see cref="Document"/> is the object as JSON
/// (managed fields stripped at the edge), because <c>fromDefinition</c> may point anywhere in it. The resourceVersion
/// is for the informer cache; reconcile does not read it.
/// </summary>
public sealed record TenantControlPlane(
    string Namespace,
    string Name,
    string Uid,
    SortedMap Labels,
    SortedMap Annotations,
    string? AdminSecretName,
    string? CaSecretName,
    JsonElement Document,
    string ResourceVersion = "")
{
    public ObjectRef Ref => new(Namespace, Name);

    public bool IsPaused => Annotations.ContainsKey(WellKnown.PausedAnnotation);
}
