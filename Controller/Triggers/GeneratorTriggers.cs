using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Maps one cache change <c>(old, new)</c> to the names of the generators that must be reconciled (docs/behaviour.md B4).
/// Pure and synchronous: it reads the change and <see cref="ITriggerView"/>, and returns names sorted ordinally
/// without duplicates; the caller enqueues each. Reconcile is level-based, so waking a generator too often costs
/// one pass, while missing a wake-up leaves stale or leaked credentials: every doubt resolves towards waking.
/// </summary>
/// <remarks>
/// "Selects" means: both selectors valid, the namespace selector matches the TCP's namespace labels (a namespace
/// not in the cache counts as a match, so a lagging namespace cache cannot hide a change), and the TCP selector
/// matches the TCP's labels. A generator with an invalid selector selects nothing; only its own changes wake it,
/// and that pass writes the error to its status. Pause never filters: reconcile decides what pause means.
/// <code>
/// change                      enqueued
/// --------------------------  ---------------------------------------------------------------------------------
/// Generator add / delete      the generator
/// Generator update            the generator, unless only status changed (GeneratorChange)
/// Namespace add / delete      generators whose namespace selector matches its labels, if the namespace holds a TCP
/// Namespace update            none if the labels are unchanged; else generators whose namespace selector matches
///                             the old or the new labels, if the namespace holds a TCP
/// TCP add / delete            generators that select it
/// TCP update                  generators that select the old or the new TCP, where the selection flipped, or where
///                             uid, pause, admin/CA Secret names or the resolved user/groups changed
///                             (TenantControlPlaneChange)
/// Secret add/update/delete    the generator named by kamaji.clastix.io/managed-by on the old or the new Secret,
///                             plus generators that select a TCP whose status names the Secret (admin kubeconfig
///                             or CA); nothing when the resourceVersion did not move
/// </code>
/// Namespace changes wake generators whether or not their TCP selector matches a TCP there: the TCP cache may be a
/// moment behind a concurrent TCP relabel, and namespace relabels are rare enough that the extra passes cost nothing.
/// A cache resync should enqueue every generator directly: resync re-deliveries are unchanged objects, which map
/// to nothing here.
/// </remarks>
public sealed class GeneratorTriggers
{
    private readonly ITriggerView _view;

    public GeneratorTriggers(ITriggerView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _view = view;
    }

    /// <summary>
    /// A generator change only ever wakes that generator, for a full pass. <paramref name="lastWritten"/> (the status
    /// this controller last wrote for it) tells our own status writes, which wake nothing, from someone else's.
    /// </summary>
    public static IReadOnlyList<string> ForGenerator(Generator? oldGenerator, Generator? newGenerator, GeneratorStatus? lastWritten = null) =>
        Names(WakesForGenerator(oldGenerator, newGenerator, lastWritten));

    public static IReadOnlyList<Wake> WakesForGenerator(Generator? oldGenerator, Generator? newGenerator, GeneratorStatus? lastWritten = null)
    {
        if (oldGenerator is not null && newGenerator is not null && !GeneratorChange.NeedsReconcile(oldGenerator, newGenerator, lastWritten))
        {
            return [];
        }
        var name = (newGenerator ?? oldGenerator)?.Name;
        return string.IsNullOrEmpty(name) ? [] : [Wake.All(name)];
    }

    public IReadOnlyList<string> ForNamespace(NamespaceInfo? oldNamespace, NamespaceInfo? newNamespace) =>
        Names(WakesForNamespace(oldNamespace, newNamespace));

    /// <summary>A namespace relabel can change which of its TCPs every generator selects: a full pass for each one it concerns.</summary>
    public IReadOnlyList<Wake> WakesForNamespace(NamespaceInfo? oldNamespace, NamespaceInfo? newNamespace)
    {
        var name = (newNamespace ?? oldNamespace)?.Name;
        if (name is null
            || (oldNamespace is not null && newNamespace is not null && oldNamespace.Labels.Equals(newNamespace.Labels))
            || !_view.HasTenantControlPlanes(name))
        {
            return [];
        }
        var wakes = new WakeSet();
        foreach (var generator in _view.Generators)
        {
            var spec = generator.Spec;
            if (SelectorCheck.IsUsable(spec)
                && ((oldNamespace is not null && SelectorCheck.NamespaceMatches(spec, oldNamespace.Labels))
                    || (newNamespace is not null && SelectorCheck.NamespaceMatches(spec, newNamespace.Labels))))
            {
                wakes.Add(generator.Name, null);
            }
        }
        return wakes.ToList();
    }

    public IReadOnlyList<string> ForTenantControlPlane(TenantControlPlane? oldTcp, TenantControlPlane? newTcp) =>
        Names(WakesForTenantControlPlane(oldTcp, newTcp));

    /// <summary>A TCP change wakes the generators it concerns for that TCP alone.</summary>
    public IReadOnlyList<Wake> WakesForTenantControlPlane(TenantControlPlane? oldTcp, TenantControlPlane? newTcp)
    {
        var tcp = newTcp ?? oldTcp;
        if (tcp is null || ReferenceEquals(oldTcp, newTcp))
        {
            return [];
        }
        var namespaceLabels = _view.NamespaceLabels(tcp.Namespace);
        var wakes = new WakeSet();
        foreach (var generator in _view.Generators)
        {
            var spec = generator.Spec;
            if (!SelectorCheck.IsUsable(spec) || !SelectorCheck.NamespaceMatches(spec, namespaceLabels))
            {
                continue;
            }
            var before = oldTcp is not null && SelectorCheck.TenantControlPlaneMatches(spec, oldTcp.Labels);
            var after = newTcp is not null && SelectorCheck.TenantControlPlaneMatches(spec, newTcp.Labels);
            if (before != after || (before && TenantControlPlaneChange.ChangesPass(spec, oldTcp!, newTcp!)))
            {
                wakes.Add(generator.Name, tcp.Ref);
            }
        }
        return wakes.ToList();
    }

    public IReadOnlyList<string> ForSecret(SecretInfo? oldSecret, SecretInfo? newSecret) => Names(WakesForSecret(oldSecret, newSecret));

    /// <summary>
    /// A generated Secret wakes its generator for the TCP it is for (by <c>managed-for</c>, else by its name
    /// <c>&lt;tcp&gt;-&lt;generator&gt;</c>; a Secret naming neither calls for a full pass). A Kamaji Secret wakes the
    /// generators selecting each TCP whose status names it, for that TCP.
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
            var generator = side?.Labels.GetValueOrDefault(WellKnown.ManagedByLabel);
            if (!string.IsNullOrEmpty(generator))
            {
                wakes.Add(generator, TenantOf(side!, generator));
            }
        }
        foreach (var tcp in _view.TenantControlPlanesUsingSecret(secret.Ref))
        {
            AddSelecting(tcp, ref wakes);
        }
        return wakes.ToList();
    }

    /// <summary>The TCP a generated Secret is for, or null when neither its label nor its name says.</summary>
    public static ObjectRef? TenantOf(SecretInfo secret, string generator)
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

    private static IReadOnlyList<string> Names(IReadOnlyList<Wake> wakes) => [.. wakes.Select(w => w.Generator).Distinct()];

    private void AddSelecting(TenantControlPlane tcp, ref WakeSet wakes)
    {
        var namespaceLabels = _view.NamespaceLabels(tcp.Namespace);
        foreach (var generator in _view.Generators)
        {
            var spec = generator.Spec;
            if (SelectorCheck.IsUsable(spec)
                && SelectorCheck.NamespaceMatches(spec, namespaceLabels)
                && SelectorCheck.TenantControlPlaneMatches(spec, tcp.Labels))
            {
                wakes.Add(generator.Name, tcp.Ref);
            }
        }
    }

    // The same resourceVersion on both sides is a re-delivery of what handlers already saw (resync, relist).
    private static bool Unchanged(SecretInfo? oldSecret, SecretInfo? newSecret) =>
        oldSecret is not null && newSecret is not null
        && (ReferenceEquals(oldSecret, newSecret)
            || (oldSecret.ResourceVersion.Length > 0 && oldSecret.ResourceVersion == newSecret.ResourceVersion));
}
