namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>The subject a client certificate must carry: CN = user, one O per group (a sorted set).</summary>
public sealed record Identity(string User, IReadOnlyList<string> Groups)
{
    public static Identity Of(string user, IEnumerable<string> groups) =>
        new(user, [.. groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public override string ToString() => $"CN={User} O=[{string.Join(",", Groups)}]";

    public bool Equals(Identity? other) => other is not null && User == other.User && Groups.SequenceEqual(other.Groups);

    public override int GetHashCode() => HashCode.Combine(User, Groups.Count);
}
