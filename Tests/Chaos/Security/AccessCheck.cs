namespace KamajiKubeconfig.Chaos.Security;

/// <summary>One request attribute set to ask the API server about (SelfSubjectAccessReview), and why it is in the list.</summary>
public sealed record AccessCheck(string Verb, string Group, string Resource, string Subresource = "", string Namespace = "", string Why = "")
{
    public override string ToString()
    {
        var resource = Subresource.Length > 0 ? $"{Resource}/{Subresource}" : Resource;
        var group = Group.Length > 0 ? $"{Group}/" : "";
        return $"{Verb} {group}{resource} {(Namespace.Length > 0 ? "in " + Namespace : "cluster-wide")}";
    }
}
