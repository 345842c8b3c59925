namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// A static string or a path into the TenantControlPlane. Both are kept as written (null = absent) so the
/// runtime can tell "absent" from "empty", as Kamaji does.
/// </summary>
public sealed record CompoundValue(string? StringValue, string? FromDefinition)
{
    public static CompoundValue Static(string value) => new(value, null);

    public static CompoundValue FromPath(string path) => new(null, path);
}
