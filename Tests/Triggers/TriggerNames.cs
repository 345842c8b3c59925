using KamajiKubeconfig.Controller.Triggers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.Triggers;

/// <summary>The generator names a change wakes, sorted and without duplicates: what most trigger tests assert on.</summary>
internal static class TriggerNames
{
    public static IReadOnlyList<string> ForGenerator(Generator? oldGenerator, Generator? newGenerator, GeneratorStatus? lastWritten = null) =>
        Names(GeneratorTriggers.WakesForGenerator(oldGenerator, newGenerator, lastWritten));

    public static IReadOnlyList<string> ForNamespace(this GeneratorTriggers triggers, NamespaceInfo? oldNamespace, NamespaceInfo? newNamespace) =>
        Names(triggers.WakesForNamespace(oldNamespace, newNamespace));

    public static IReadOnlyList<string> ForTenantControlPlane(this GeneratorTriggers triggers, TenantControlPlane? oldTcp, TenantControlPlane? newTcp) =>
        Names(triggers.WakesForTenantControlPlane(oldTcp, newTcp));

    public static IReadOnlyList<string> ForSecret(this GeneratorTriggers triggers, SecretInfo? oldSecret, SecretInfo? newSecret) =>
        Names(triggers.WakesForSecret(oldSecret, newSecret));

    private static IReadOnlyList<string> Names(IReadOnlyList<Wake> wakes) => [.. wakes.Select(w => w.Generator).Distinct()];
}
