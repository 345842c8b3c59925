namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>A written kubeconfig (the Secret's <c>value</c>) or the reason none could be written.</summary>
public sealed record IssueResult(byte[]? Kubeconfig, DateTimeOffset NotAfter, string? Error)
{
    public static IssueResult Failed(string error) => new(null, default, error);

    public override string ToString() => Error is null ? $"IssueResult {{ NotAfter = {NotAfter:O} }}" : $"IssueResult {{ Error = {Error} }}";
}
