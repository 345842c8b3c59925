namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>What a request wants to do, in RBAC's terms.</summary>
public sealed record AuthorizationAttributes(
    string Verb,
    string Group = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "",
    string? NonResourcePath = null)
{
    public bool IsResourceRequest => NonResourcePath is null;
}
