using System.Collections.Immutable;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// A stand-in for the Controller's trimmed records: key, resourceVersion and a list of referenced names to index.
/// Built fluently: <c>TestObject.Of("ns", "a").At("7").Refs("ca")</c>.
/// </summary>
internal sealed record TestObject(string Namespace, string Name, string ResourceVersion, ImmutableArray<string> References)
{
    public const string ByReference = "by-reference";

    public static ObjectAccessor<TestObject> Accessor { get; } =
        new(o => new ObjectKey(o.Namespace, o.Name), o => o.ResourceVersion);

    public static IReadOnlyDictionary<string, Func<TestObject, IEnumerable<string>>> Indexers { get; } =
        new Dictionary<string, Func<TestObject, IEnumerable<string>>> { [ByReference] = o => o.References };

    public ObjectKey Key => new(Namespace, Name);

    public static TestObject Of(string @namespace, string name) => new(@namespace, name, "1", []);

    public TestObject At(string resourceVersion) => this with { ResourceVersion = resourceVersion };

    public TestObject Refs(params string[] names) => this with { References = [.. names] };

    /// <summary>Records compare arrays by reference; compare the content instead.</summary>
    public bool Equals(TestObject? other) =>
        other is not null && Namespace == other.Namespace && Name == other.Name
        && ResourceVersion == other.ResourceVersion && References.SequenceEqual(other.References);

    public override int GetHashCode() => HashCode.Combine(Namespace, Name, ResourceVersion);
}
