using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Builders;

/// <summary>Short forms of a generator's <c>user</c> and <c>groups</c> values.</summary>
internal static class Compound
{
    public static CompoundValue Static(string value) => new(value, null);

    public static CompoundValue FromPath(string path) => new(null, path);
}
