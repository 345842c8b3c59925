using System.Collections.Concurrent;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Issuing;

/// <summary>Runs the plan's Issue decisions in parallel across cores: key generation is the expensive part of a pass.</summary>
public sealed class KubeconfigIssuing(CertificateIssuer issuer, int parallelism)
{
    /// <summary>The issued targets, their results and the failures, by TCP; <paramref name="caKeyOf"/> gives a CA Secret's <c>ca.key</c>.</summary>
    public (IReadOnlyList<TargetPlan> Issued, IReadOnlyDictionary<ObjectRef, IssueResult> Results, IReadOnlyDictionary<ObjectRef, string> Failures) IssueAll(
        IReadOnlyList<TargetPlan> targets, Func<ObjectRef, byte[]?> caKeyOf, CancellationToken cancellationToken)
    {
        var issued = new ConcurrentBag<TargetPlan>();
        var facts = new ConcurrentDictionary<ObjectRef, IssueResult>();
        var failures = new ConcurrentDictionary<ObjectRef, string>();
        Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, target =>
        {
            var result = issuer.Issue(target.Issue!, caKeyOf(target.Issue!.CaSecret));
            if (result.Error is not null)
            {
                failures[target.TenantControlPlane] = result.Error;
            }
            else
            {
                issued.Add(target with { Secret = target.Secret! with { Value = result.Kubeconfig } });
                facts[target.TenantControlPlane] = result;
            }
        });
        return ([.. issued.OrderBy(t => t.TenantControlPlane, ObjectRef.Order)], facts, failures);
    }
}
