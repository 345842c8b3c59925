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
    /// A generator change only ever wakes that generator. <paramref name="lastWritten"/> (the status this controller
    /// last wrote for it) tells our own status writes, which wake nothing, from someone else's.
    /// </summary>
    public static IReadOnlyList<string> ForGenerator(Generator? oldGenerator, Generator? newGenerator, GeneratorStatus? lastWritten = null)
    {
        if (oldGenerator is not null && newGenerator is not null && !GeneratorChange.NeedsReconcile(oldGenerator, newGenerator, lastWritten))
        {
            return [];
        }
        var name = (newGenerator ?? oldGenerator)?.Name;
        return string.IsNullOrEmpty(name) ? [] : [name];
    }

    public IReadOnlyList<string> ForNamespace(NamespaceInfo? oldNamespace, NamespaceInfo? newNamespace)
    {
        var name = (newNamespace ?? oldNamespace)?.Name;
        if (name is null
            || (oldNamespace is not null && newNamespace is not null && oldNamespace.Labels.Equals(newNamespace.Labels))
            || !_view.HasTenantControlPlanes(name))
        {
            return [];
        }
        var names = new NameSet();
        foreach (var generator in _view.Generators)
        {
            var spec = generator.Spec;
            if (SelectorCheck.IsUsable(spec)
                && ((oldNamespace is not null && SelectorCheck.NamespaceMatches(spec, oldNamespace.Labels))
                    || (newNamespace is not null && SelectorCheck.NamespaceMatches(spec, newNamespace.Labels))))
            {
                names.Add(generator.Name);
            }
        }
        return names.ToList();
    }

    public IReadOnlyList<string> ForTenantControlPlane(TenantControlPlane? oldTcp, TenantControlPlane? newTcp)
    {
        var tcp = newTcp ?? oldTcp;
        if (tcp is null || ReferenceEquals(oldTcp, newTcp))
        {
            return [];
        }
        var namespaceLabels = _view.NamespaceLabels(tcp.Namespace);
        var names = new NameSet();
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
                names.Add(generator.Name);
            }
        }
        return names.ToList();
    }

    public IReadOnlyList<string> ForSecret(SecretInfo? oldSecret, SecretInfo? newSecret)
    {
        var secret = newSecret ?? oldSecret;
        if (secret is null || Unchanged(oldSecret, newSecret))
        {
            return [];
        }
        var names = new NameSet();
        // Both sides: a Secret relabelled away from a generator (or to another one) must wake the one it left.
        names.Add(oldSecret?.Labels.GetValueOrDefault(WellKnown.ManagedByLabel));
        names.Add(newSecret?.Labels.GetValueOrDefault(WellKnown.ManagedByLabel));
        foreach (var tcp in _view.TenantControlPlanesUsingSecret(secret.Ref))
        {
            AddSelecting(tcp, ref names);
        }
        return names.ToList();
    }

    private void AddSelecting(TenantControlPlane tcp, ref NameSet names)
    {
        var namespaceLabels = _view.NamespaceLabels(tcp.Namespace);
        foreach (var generator in _view.Generators)
        {
            var spec = generator.Spec;
            if (SelectorCheck.IsUsable(spec)
                && SelectorCheck.NamespaceMatches(spec, namespaceLabels)
                && SelectorCheck.TenantControlPlaneMatches(spec, tcp.Labels))
            {
                names.Add(generator.Name);
            }
        }
    }

    // The same resourceVersion on both sides is a re-delivery of what handlers already saw (resync, relist).
    private static bool Unchanged(SecretInfo? oldSecret, SecretInfo? newSecret) =>
        oldSecret is not null && newSecret is not null
        && (ReferenceEquals(oldSecret, newSecret)
            || (oldSecret.ResourceVersion.Length > 0 && oldSecret.ResourceVersion == newSecret.ResourceVersion));
}
