namespace KamajiKubeconfig.Reconcile;

/// <summary>Private key types a client certificate may have (kubeadm's names).</summary>
public enum KeyAlgorithm
{
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcdsaP256,
    EcdsaP384,
}

public static class KeyAlgorithms
{
    public const KeyAlgorithm Default = KeyAlgorithm.Rsa2048;

    public static string Name(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => "RSA-2048",
        KeyAlgorithm.Rsa3072 => "RSA-3072",
        KeyAlgorithm.Rsa4096 => "RSA-4096",
        KeyAlgorithm.EcdsaP256 => "ECDSA-P256",
        KeyAlgorithm.EcdsaP384 => "ECDSA-P384",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static bool TryParse(string? name, out KeyAlgorithm algorithm)
    {
        algorithm = Enum.GetValues<KeyAlgorithm>().FirstOrDefault(a => a.Name() == name, Default);
        return algorithm.Name() == name;
    }

    public static bool IsRsa(this KeyAlgorithm algorithm) => algorithm.RsaBits() > 0;

    public static int RsaBits(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        KeyAlgorithm.Rsa4096 => 4096,
        _ => 0,
    };
}
