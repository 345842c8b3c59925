namespace KamajiKubeconfig.Chaos.Fixtures;

/// <summary>The tenant CA Secrets the harness can hand a controller, good and bad.</summary>
public enum CaKind
{
    RsaPkcs1,
    RsaPkcs8,
    EcSec1,
    EcPkcs8,
    EncryptedPkcs8,
    KeyNotMatching,
    NotACa,
    CaWithoutKeyCertSign,
    Expired,
    ExpiringWithinTheHour,
}
