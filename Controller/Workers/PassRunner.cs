using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Cluster;
using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Controller.Workers;

/// <summary>
/// One pass over one generator: read the caches (plus direct reads of referenced Secrets the caches lack), run the
/// pure reconcile at the current time, execute the plan. Null when the generator no longer exists.
/// </summary>
public sealed class PassRunner(
    ClusterCaches caches, IKubeApi api, PlanExecutor executor, ReconcileOptions options, IValidityMemo memo, TimeProvider time) : IPassRunner
{
    public async Task<PassReport?> RunAsync(string generatorName, CancellationToken cancellationToken)
    {
        var generator = caches.Generators.Get(ObjectKey.Cluster(generatorName));
        if (generator is null)
        {
            return null;
        }
        var view = caches.View();
        var missing = view.MissingReferencedSecrets(generator.Spec).ToList();
        if (missing.Count > 0)
        {
            var fetched = new Dictionary<ObjectRef, SecretInfo>();
            foreach (var reference in missing)
            {
                var secret = await api.GetSecretAsync(reference, cancellationToken);
                if (secret is not null)
                {
                    fetched[reference] = secret;
                }
            }
            view = caches.View(fetched);
        }
        var now = time.GetUtcNow();
        var plan = Reconciler.Reconcile(generator, view, now, options, memo);
        return await executor.ExecuteAsync(generator, plan, now, cancellationToken);
    }
}
