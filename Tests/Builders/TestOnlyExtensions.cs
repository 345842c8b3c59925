using System.Security.Cryptography.X509Certificates;
using KamajiKubeconfig.Reconcile;

// In the root test namespace, so every test namespace sees these as if the product declared them.
namespace KamajiKubeconfig.Tests;

/// <summary>A map literal for tests: <c>SortedMap.Of(("k", "v"))</c>.</summary>
public static class SortedMapTestExtensions
{
    extension(SortedMap)
    {
        public static SortedMap Of(params (string Key, string Value)[] items) =>
            SortedMap.From(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));
    }
}

/// <summary>The signature check on two parsed certificates, as tests hold them.</summary>
public static class CertificateSignatureTestExtensions
{
    extension(CertificateSignature)
    {
        public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer) =>
            CertificateSignature.IsSignedBy(certificate.RawData, issuer.SubjectName.RawData, issuer.PublicKey.ExportSubjectPublicKeyInfo());
    }
}
