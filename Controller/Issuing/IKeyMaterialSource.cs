using System.Security.Cryptography;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>Where new keys and serial numbers come from: tests inject pre-generated keys, so they are fast and repeatable.</summary>
public interface IKeyMaterialSource
{
    /// <summary>The caller disposes the key.</summary>
    AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm);

    /// <summary>A positive, non-zero serial number in big-endian bytes.</summary>
    byte[] NewSerialNumber();
}

/// <summary>Key material from the operating system's cryptographic RNG.</summary>
public sealed class SystemKeyMaterialSource : IKeyMaterialSource
{
    public AsymmetricAlgorithm NewKey(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        KeyAlgorithm.EcdsaP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(algorithm.RsaBits()),
    };

    public byte[] NewSerialNumber()
    {
        // 16 random bytes with the sign bit cleared: positive, and unique with overwhelming probability (RFC 5280 4.1.2.2).
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
