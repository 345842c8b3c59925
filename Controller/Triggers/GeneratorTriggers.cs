using System.Runtime.CompilerServices;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Maps one cache change <c>(old, new)</c> to the generators that must be reconciled (docs/behaviour.md B4), as
/// <see cref="Wake"/>s sorted ordinally without duplicates. Pure and synchronous: it reads the change and
/// <see cref="ITriggerView"/>. What each change wakes, and why every doubt resolves towards waking: docs/design.md,
/// "Triggers". Resync re-deliveries are unchanged objects and map to nothing: a resync enqueues every generator.
/// </summary>
public sealed class GeneratorTriggers(ITriggerView view)
{
    // Validation runs regular expressions over every key and value; a spec object lives as long as its cache
    // entry, so its verdict is remembered per instance rather than recomputed for every generator on every event.
    private static readonly ConditionalWeakTable<GeneratorSpec, object> UsableSelectors = [];

    /// <summary>A generator change only ever wakes that generator, for a full pass (see <see cref="NeedsReconcile"/>).</summary>
    public static IReadOnlyList<Wake> WakesForGenerator(Generator? oldGenerator, Generator? newGenerator, GeneratorStatus? lastWritten = null)
    {
        if (oldGenerator is not null && newGenerator is not null && !NeedsReconcile(oldGenerator, newGenerator, lastWritten))
        {
            return [];
        }
        var name = (newGenerator ?? oldGenerator)?.Name;
        return string.IsNullOrEmpty(name) ? [] : [Wake.All(name)];
    }

    /// <summary>A namespace relabel can change which of its TCPs every generator selects: a full pass for each one it concerns.</summary>
    public IReadOnlyList<Wake> WakesForNamespace(NamespaceInfo? oldNamespace, NamespaceInfo? newNamespace)
    {
        var name = (newNamespace ?? oldNamespace)?.Name;
        if (name is null
            || (oldNamespace is not null && newNamespace is not null && oldNamespace.Labels.Equals(newNamespace.Labels))
            || !view.HasTenantControlPlanes(name))
        {
            return [];
        }
        var wakes = new WakeSet();
        // TCP selectors are not checked: the TCP cache may lag a concurrent TCP relabel, and namespace relabels are rare.
        foreach (var generator in view.Generators)
        {
            var spec = generator.Spec;
            if (IsUsable(spec)
                && ((oldNamespace is not null && NamespaceMatches(spec, oldNamespace.Labels))
                    || (newNamespace is not null && NamespaceMatches(spec, newNamespace.Labels))))
            {
                wakes.Add(generator.Name, null);
            }
        }
        return wakes.ToList();
    }

    /// <summary>A TCP change wakes the generators it concerns for that TCP alone.</summary>
    public IReadOnlyList<Wake> WakesForTenantControlPlane(TenantControlPlane? oldTcp, TenantControlPlane? newTcp)
    {
        var tcp = newTcp ?? oldTcp;
        if (tcp is null || ReferenceEquals(oldTcp, newTcp))
        {
            return [];
        }
        var namespaceLabels = view.NamespaceLabels(tcp.Namespace);
        var wakes = new WakeSet();
        foreach (var generator in view.Generators)
        {
            var spec = generator.Spec;
            if (!IsUsable(spec) || !NamespaceMatches(spec, namespaceLabels))
            {
                continue;
            }
            var before = oldTcp is not null && TenantControlPlaneMatches(spec, oldTcp.Labels);
            var after = newTcp is not null && TenantControlPlaneMatches(spec, newTcp.Labels);
            if (before != after || (before && ChangesPass(spec, oldTcp!, newTcp!)))
            {
                wakes.Add(generator.Name, tcp.Ref);
            }
        }
        return wakes.ToList();
    }

    /// <summary>
    /// A generated Secret wakes its generator for the TCP it is for (<see cref="TenantOf"/>); a Kamaji Secret wakes
    /// the generators selecting each TCP whose status names it, for that TCP.
    /// </summary>
    public IReadOnlyList<Wake> WakesForSecret(SecretInfo? oldSecret, SecretInfo? newSecret)
    {
        var secret = newSecret ?? oldSecret;
        if (secret is null || Unchanged(oldSecret, newSecret))
        {
            return [];
        }
        var wakes = new WakeSet();
        // Both sides: a Secret relabelled away from a generator (or to another one) must wake the one it left.
        foreach (var side in new[] { oldSecret, newSecret })
        {
            if (side?.Labels.GetValueOrDefault(WellKnown.ManagedByLabel) is { Length: > 0 } generator)
            {
                wakes.Add(generator, TenantOf(side, generator));
            }
        }
        // As if each TCP naming the Secret were added: the generators that select it, for it.
        foreach (var wake in view.TenantControlPlanesUsingSecret(secret.Ref).SelectMany(tcp => WakesForTenantControlPlane(null, tcp)))
        {
            wakes.Add(wake.Generator, wake.Tenant);
        }
        return wakes.ToList();
    }

    // Selection as TargetSelector does it, one object at a time: an invalid selector selects nothing (reconcile
    // reports the error), and a namespace not in the cache (null labels) counts as a match.
    private static bool IsUsable(GeneratorSpec spec) => (bool)UsableSelectors.GetValue(spec, static s => TargetSelector.Problem(s) is null);

    private static bool NamespaceMatches(GeneratorSpec spec, SortedMap? labels) =>
        labels is null || (spec.NamespaceSelector ?? LabelSelector.Everything).Matches(labels);

    private static bool TenantControlPlaneMatches(GeneratorSpec spec, SortedMap labels) =>
        (spec.TenantControlPlaneSelector ?? LabelSelector.Everything).Matches(labels);

    /// <summary>
    /// The TCP a generated Secret is for, by <c>managed-for</c>, else by its name <c>&lt;tcp&gt;-&lt;generator&gt;</c>;
    /// null (a full pass) when neither says.
    /// </summary>
    private static ObjectRef? TenantOf(SecretInfo secret, string generator)
    {
        if (secret.Labels.GetValueOrDefault(WellKnown.ManagedForLabel) is { Length: > 0 } tenant)
        {
            return new ObjectRef(secret.Namespace, tenant);
        }
        var suffix = "-" + generator;
        return secret.Name.Length > suffix.Length && secret.Name.EndsWith(suffix, StringComparison.Ordinal)
            ? new ObjectRef(secret.Namespace, secret.Name[..^suffix.Length])
            : null;
    }

    // The same resourceVersion on both sides is a re-delivery of what handlers already saw (resync, relist).
    private static bool Unchanged(SecretInfo? oldSecret, SecretInfo? newSecret) =>
        oldSecret is not null && newSecret is not null
        && (ReferenceEquals(oldSecret, newSecret)
            || (oldSecret.ResourceVersion.Length > 0 && oldSecret.ResourceVersion == newSecret.ResourceVersion));

    /// <summary>
    /// True when anything a pass reads besides <c>status</c> changed (uid, generation, spec, annotations, finalizers,
    /// deletion), or the status changed to one other than <paramref name="lastWritten"/>, the one this controller last
    /// wrote: our own writes wake nothing, someone else's (Kamaji during a switch-over, a user) is put right at once.
    /// </summary>
    internal static bool NeedsReconcile(Generator oldGenerator, Generator newGenerator, GeneratorStatus? lastWritten = null) =>
        !ReferenceEquals(oldGenerator, newGenerator)
        && (oldGenerator with { Status = null, ResourceVersion = "" } != newGenerator with { Status = null, ResourceVersion = "" }
            || (lastWritten is not null && newGenerator.Status is not null && !Equals(oldGenerator.Status, newGenerator.Status)
                && !newGenerator.Status.Equals(lastWritten)));

    /// <summary>
    /// Compares exactly what reconcile reads from a selected TCP (TargetPlanner, TemplateLoader, IdentityResolver):
    /// uid, pause, admin and CA Secret names, and the user and groups this generator resolves, error text included
    /// (<c>fromDefinition</c> may point anywhere in the document; comparing whole documents would wake every generator
    /// at each TCP status heartbeat). Labels matter through selection only, which the caller compared.
    /// </summary>
    internal static bool ChangesPass(GeneratorSpec spec, TenantControlPlane oldTcp, TenantControlPlane newTcp) =>
        !ReferenceEquals(oldTcp, newTcp)
        && (oldTcp.Uid != newTcp.Uid
            || oldTcp.IsPaused != newTcp.IsPaused
            || oldTcp.AdminSecretName != newTcp.AdminSecretName
            || oldTcp.CaSecretName != newTcp.CaSecretName
            || IdentityResolver.Resolve(spec, oldTcp.Document, out var errorBefore) != IdentityResolver.Resolve(spec, newTcp.Document, out var errorAfter)
            || errorBefore != errorAfter);
}
