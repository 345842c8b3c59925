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

    /// <summary>Name and RSA modulus size (0 for ECDSA) of each <see cref="KeyAlgorithm"/>, in declaration order.</summary>
    private static readonly (string Name, int RsaBits)[] Table =
        [("RSA-2048", 2048), ("RSA-3072", 3072), ("RSA-4096", 4096), ("ECDSA-P256", 0), ("ECDSA-P384", 0)];

    public static string Name(this KeyAlgorithm algorithm) => Table[(int)algorithm].Name;

    public static bool TryParse(string? name, out KeyAlgorithm algorithm)
    {
        algorithm = Enum.GetValues<KeyAlgorithm>().FirstOrDefault(a => a.Name() == name, Default);
        return algorithm.Name() == name;
    }

    public static int RsaBits(this KeyAlgorithm algorithm) => Table[(int)algorithm].RsaBits;
}
