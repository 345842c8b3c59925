using System.Security.Cryptography;

namespace KamajiKubeconfig.Reconcile.Values;

/// <summary>
/// Immutable bytes with value equality, for binary fields of records: a kubeconfig's certificate-authority-data is
/// kept decoded, a third of the size of its base64 text as a .NET string, and the caches hold one per tenant.
/// </summary>
public sealed class Blob : IEquatable<Blob>
{
    private readonly byte[] _bytes;

    public Blob(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    public ReadOnlySpan<byte> Span => _bytes;

    public int Length => _bytes.Length;

    /// <summary>The bytes <paramref name="base64"/> encodes; null when it is absent, and a <see cref="FormatException"/> when it is not base64.</summary>
    public static Blob? FromBase64(string? base64) => base64 is null ? null : new Blob(Convert.FromBase64String(base64));

    public string ToBase64() => Convert.ToBase64String(_bytes);

    public Blob Sha256() => new(SHA256.HashData(_bytes));

    public static bool operator ==(Blob? left, Blob? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Blob? left, Blob? right) => !(left == right);

    public bool Equals(Blob? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as Blob);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{_bytes.Length} bytes";
}
