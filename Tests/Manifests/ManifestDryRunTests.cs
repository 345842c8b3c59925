using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// The shipped manifests build with kustomize and pass the API server's own validation (kubectl apply
/// --dry-run=server against the sandbox, with the CRDs' schemas and field validation on). The sandbox stores
/// built-in kinds without a schema; ModelSchemaTests checks those against the Kubernetes models.
/// </summary>
public class ManifestDryRunTests
{
    [Test]
    public async Task Kustomize_BuildsEveryManifest()
    {
        var yaml = await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests"));

        Assert.That(yaml, Does.Contain("kind: Deployment").And.Contain("kind: ClusterRole").And.Contain("kind: PodDisruptionBudget")
            .And.Contain("name: kubeconfiggenerators.kamaji.clastix.io"));
    }

    [Test]
    public async Task ServerDryRun_AcceptsTheManifestsAndSamples()
    {
        using var files = new TempDirectory();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { CrdPaths = [RepoPaths.Crds] });
        var kubectl = Kubectl(sandbox, files);
        var manifests = files.File("manifests.yaml", await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests")));

        await ExternalTool.CheckAsync("kubectl", [.. kubectl, "create", "namespace", "kamaji-system"]);
        var applied = await ExternalTool.CheckAsync("kubectl", [.. kubectl, "apply", "--server-side", "--dry-run=server", "-f", manifests]);
        var samples = await ExternalTool.CheckAsync("kubectl", [.. kubectl, "apply", "--server-side", "--dry-run=server", "-f", RepoPaths.Samples]);

        Assert.That(applied, Does.Contain("deployment.apps/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(applied, Does.Contain("clusterrole.rbac.authorization.k8s.io/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(applied, Does.Contain("poddisruptionbudget.policy/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(samples.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3).And.All.Contain("(server dry run)"));
    }

    // The optional monitoring component against a stand-in CRD: the dry-run meets structural-schema validation, and
    // the same sandbox refuses a broken monitor, so a pass means the schema was applied, not skipped.
    [Test]
    public async Task ServerDryRun_AcceptsTheMonitoringComponentUnderAServiceMonitorSchema()
    {
        using var files = new TempDirectory();
        var crd = files.File("servicemonitor-crd.yaml", ServiceMonitorStandIn.CrdYaml);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { CrdPaths = [crd] });
        var kubectl = Kubectl(sandbox, files);
        var built = await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests", "monitoring"));
        var broken = files.File("broken.yaml", built.Replace("interval: 30s", "interval: 30 seconds", StringComparison.Ordinal));

        await ExternalTool.CheckAsync("kubectl", [.. kubectl, "create", "namespace", "kamaji-system"]);
        var applied = await ExternalTool.CheckAsync("kubectl", [.. kubectl, "apply", "--server-side", "--dry-run=server", "-f", files.File("monitoring.yaml", built)]);
        var refused = await ExternalTool.RunAsync("kubectl", [.. kubectl, "apply", "--server-side", "--dry-run=server", "-f", broken]);

        Assert.That(applied.Trim(), Is.EqualTo("servicemonitor.monitoring.coreos.com/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(refused.Stderr, Does.Contain("spec.endpoints[0].interval").And.Contain("should match"));
    }

    private static string[] Kubectl(SandboxServer sandbox, TempDirectory files) =>
        ["--kubeconfig", sandbox.WriteKubeconfig(files.File("kubeconfig")), "--cache-dir", files.File("cache")];
}
