using KamajiKubeconfig.Sandbox;
using KamajiKubeconfig.Tests.EndToEnd;
using KamajiKubeconfig.Tests.Tools;

namespace KamajiKubeconfig.Tests.Manifests;

/// <summary>
/// The shipped manifests build with kustomize and pass the API server's own validation (kubectl apply
/// --dry-run=server against the sandbox, with the CRDs' schemas and field validation on). The sandbox serves every
/// kind in them except PodDisruptionBudget (policy/v1), which kustomize still has to build.
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
        var kubeconfig = sandbox.WriteKubeconfig(files.File("kubeconfig"));
        var built = await ExternalTool.CheckAsync("kubectl", "kustomize", Path.Combine(RepoPaths.Root, "manifests"));
        var documents = built.Split("\n---\n").Where(d => !d.Contains("kind: PodDisruptionBudget", StringComparison.Ordinal));
        var manifests = files.File("manifests.yaml", string.Join("\n---\n", documents));

        await ExternalTool.CheckAsync("kubectl", "--kubeconfig", kubeconfig, "--cache-dir", files.File("cache"), "create", "namespace", "kamaji-system");
        var applied = await ExternalTool.CheckAsync("kubectl", "--kubeconfig", kubeconfig, "--cache-dir", files.File("cache"),
            "apply", "--server-side", "--dry-run=server", "-f", manifests);
        var samples = await ExternalTool.CheckAsync("kubectl", "--kubeconfig", kubeconfig, "--cache-dir", files.File("cache"),
            "apply", "--server-side", "--dry-run=server", "-f", RepoPaths.Samples);

        Assert.That(applied, Does.Contain("deployment.apps/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(applied, Does.Contain("clusterrole.rbac.authorization.k8s.io/kubeconfig-generator serverside-applied (server dry run)"));
        Assert.That(samples.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3).And.All.Contain("(server dry run)"));
    }
}
