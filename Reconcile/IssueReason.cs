namespace KamajiKubeconfig.Reconcile;

/// <summary>Why a certificate is (re)issued; also the label of the "issued by reason" metric.</summary>
public enum IssueReason
{
    Missing,
    Unreadable,
    RotationRequested,
    LayoutChanged,
    EndpointChanged,
    CertificateAuthorityChanged,
    InvalidCertificate,
    KeyMismatch,
    IdentityChanged,
    KeyAlgorithmChanged,
    NotYetValid,
    Expiring,
}
