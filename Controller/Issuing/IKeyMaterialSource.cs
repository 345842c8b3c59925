using System.Security.Cryptography;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>
/// Where new private keys and serial numbers come from. Production uses the OS RNG; tests inject a source
/// with pre-generated keys so they are fast and repeatable.
/// </summary>
public interface IKeyMaterialSource
{
    /// <summary>A new private key of the requested type. The caller disposes it.</summary>
    AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm);

    /// <summary>A positive, non-zero serial number in big-endian bytes.</summary>
    byte[] NewSerialNumber();
}
