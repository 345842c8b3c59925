using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Triggers;

/// <summary>
/// One generator to wake, and what changed for it: one TCP (its object, its admin/CA Secret or its generated
/// Secret), or, with <see cref="Tenant"/> null, anything (the generator itself, a namespace relabel): a full pass.
/// </summary>
public readonly record struct Wake(string Generator, ObjectRef? Tenant)
{
    public static Wake All(string generator) => new(generator, null);
}
