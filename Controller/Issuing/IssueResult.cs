using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>
/// A written kubeconfig (the Secret's <c>value</c>) with its certificate's validity window as encoded (whole
/// seconds), or the reason none could be written.
/// </summary>
public sealed record IssueResult(byte[]? Kubeconfig, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string? Error)
{
    public static IssueResult Failed(string error) => new(null, default, default, error);

    /// <summary>
    /// What <see cref="KubeconfigValidity.Inspect"/> concludes about this kubeconfig against the request it answers:
    /// nothing to reissue for, and the certificate's window. It is the issuer's own output, so no parse is needed.
    /// </summary>
    public KubeconfigFacts Facts => new(null, NotBefore, NotAfter);

    public override string ToString() => Error is null ? $"IssueResult {{ NotBefore = {NotBefore:O}, NotAfter = {NotAfter:O} }}" : $"IssueResult {{ Error = {Error} }}";
}
