using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// Maps one cache change <c>(old, new)</c> to the generators that must be reconciled (docs/behaviour.md B4), as
/// <see cref="Wake"/>s sorted ordinally without duplicates; the caller enqueues each. Pure and synchronous: it reads
/// the change and <see cref="ITriggerView"/>. The table of what each change wakes, and why every doubt resolves
/// towards waking, is in docs/design.md, "Triggers".
/// </summary>
/// <remarks>
/// Namespace changes wake generators whether or not their TCP selector matches a TCP there: the TCP cache may be a
/// moment behind a concurrent TCP relabel, and namespace relabels are rare enough that the extra passes cost nothing.
/// A cache resync should enqueue every generator directly: resync re-deliveries are unchanged objects, which map
/// to nothing here.
/// </remarks>
public sealed class GeneratorTriggers(ITriggerView view)
{
    private readonly ITriggerView _view = view ?? throw new ArgumentNullException(nameof(view));

    /// <summary>
    /// A generator change only ever wakes that generator, for a full pass. <paramref name="lastWritten"/> (the status
    /// this controller last wrote for it) tells our own status writes, which wake nothing, from someone else's.
    /// </summary>
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
            if (before != after || (before && ChangesPass(spec, oldTcp!, newTcp!)))
            {
                wakes.Add(generator.Name, tcp.Ref);
            }
        }
        return wakes.ToList();
    }

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
            // As if the TCP were added: the generators that select it, for it.
            foreach (var wake in WakesForTenantControlPlane(null, tcp))
            {
                wakes.Add(wake.Generator, wake.Tenant);
            }
        }
        return wakes.ToList();
    }

    /// <summary>The TCP a generated Secret is for, or null when neither its label nor its name says.</summary>
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
    /// True unless old and new differ in <c>status</c> (and so resourceVersion) only, or the new status is exactly
    /// the one this controller last wrote. Everything else a pass reads from the generator is compared: uid (delete
    /// and re-create under one name), generation and spec, annotations (pause), finalizers, deletion state. Our own
    /// status writes therefore never wake the generator again, while a status someone else wrote (Kamaji's plain
    /// status updates during a switch-over, a user's edit) does, so it is put right at once.
    /// </summary>
    internal static bool NeedsReconcile(Generator oldGenerator, Generator newGenerator, GeneratorStatus? lastWritten = null)
    {
        if (ReferenceEquals(oldGenerator, newGenerator))
        {
            return false;
        }
        if (oldGenerator with { Status = null, ResourceVersion = "" } != newGenerator with { Status = null, ResourceVersion = "" })
        {
            return true;
        }
        return lastWritten is not null && newGenerator.Status is not null && !Equals(oldGenerator.Status, newGenerator.Status)
            && !newGenerator.Status.Equals(lastWritten);
    }

    /// <summary>
    /// Compares exactly what reconcile reads from a selected TCP (Reconcile/TargetPlanner, TemplateLoader,
    /// IdentityResolver): the uid (owner reference), the pause annotation, the admin kubeconfig and CA Secret names,
    /// and the user and groups as this generator resolves them, error text included. <c>fromDefinition</c> may point
    /// anywhere in the document, so resolving both sides is the only exact test; comparing whole documents would
    /// wake every generator on each status heartbeat of every TCP. Labels matter through selection only, which the
    /// caller has already compared.
    /// </summary>
    internal static bool ChangesPass(GeneratorSpec spec, TenantControlPlane oldTcp, TenantControlPlane newTcp)
    {
        if (ReferenceEquals(oldTcp, newTcp))
        {
            return false;
        }
        if (oldTcp.Uid != newTcp.Uid
            || oldTcp.IsPaused != newTcp.IsPaused
            || oldTcp.AdminSecretName != newTcp.AdminSecretName
            || oldTcp.CaSecretName != newTcp.CaSecretName)
        {
            return true;
        }
        var before = IdentityResolver.Resolve(spec, oldTcp.Document, out var errorBefore);
        var after = IdentityResolver.Resolve(spec, newTcp.Document, out var errorAfter);
        return before != after || errorBefore != errorAfter;
    }
}
