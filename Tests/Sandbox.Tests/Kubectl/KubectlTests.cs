using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Tests.Kubectl;

/// <summary>kubectl 1.32 against the sandbox, as a user would run it (A12, B15-10).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class KubectlTests
{
    private static SandboxServer _server = null!;

    [OneTimeSetUp]
    public static async Task StartAsync()
    {
        KubectlRunner.RequireKubectl();
        _server = await SandboxFixture.StartAsync(new SandboxOptions { RbacPaths = [Path.Combine(SandboxFixture.FixturesDirectory, "rbac")] });
    }

    [OneTimeTearDown]
    public static async Task StopAsync() => await _server.DisposeAsync();

    private static async Task<(KubectlRunner Kubectl, string Namespace)> SetUpAsync()
    {
        var kubectl = new KubectlRunner(_server);
        var ns = SandboxFixture.UniqueName("kubectl");
        await kubectl.OkAsync("create", "namespace", ns);
        return (kubectl, ns);
    }

    private static string WidgetYaml(string ns, string name, int size, string extra = "") => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          size: {size}
        {extra}
        """;

    // A12: kubectl get prints server-side Table columns (Secret TYPE/DATA); describe works for built-ins.
    [Test]
    public async Task GetAndDescribe_Secret_PrintTableColumns()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.OkAsync("-n", ns, "create", "secret", "generic", "s1", "--from-literal=a=b");
        var table = await kubectl.OkAsync("-n", ns, "get", "secrets");
        Assert.That(table, Does.Match(@"NAME\s+TYPE\s+DATA\s+AGE\s*\ns1\s+Opaque\s+1\s+\d+s"));
        var description = await kubectl.OkAsync("-n", ns, "describe", "secret", "s1");
        Assert.That(description, Does.Contain("Name:         s1").And.Contain("a:  1 bytes"));
    }

    // A12: server-side apply with validation on (openapi v3 + fieldValidation=Strict); unknown fields fail.
    [Test]
    public async Task ApplyServerSide_WithValidation_CreatesAndRejectsUnknownFields()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        var applied = await kubectl.RunWithInputAsync(WidgetYaml(ns, "w1", 3), "apply", "--server-side", "-f", "-");
        Assert.That(applied.ExitCode, Is.Zero, applied.Stderr);
        Assert.That(applied.Stdout.Trim(), Is.EqualTo("widget.example.com/w1 serverside-applied"));
        var bad = await kubectl.RunWithInputAsync(WidgetYaml(ns, "w2", 3, "  bogus: 1"), "apply", "--server-side", "-f", "-");
        Assert.Multiple(() =>
        {
            Assert.That(bad.ExitCode, Is.Not.Zero);
            Assert.That(bad.Stderr, Does.Contain("unknown field \"spec.bogus\""));
        });
        var json = JsonNode.Parse(await kubectl.OkAsync("-n", ns, "get", "widget", "w1", "-o", "json", "--show-managed-fields"))!;
        Assert.That(json["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>(), Is.EqualTo("kubectl"));
    }

    // A10: a second manager's conflicting apply fails with kubectl's conflict text; --force-conflicts wins.
    [Test]
    public async Task ApplyServerSide_Conflict_NeedsForceConflicts()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 1), "apply", "--server-side", "--field-manager=one", "-f", "-");
        var conflict = await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 2), "apply", "--server-side", "--field-manager=two", "-f", "-");
        Assert.Multiple(() =>
        {
            Assert.That(conflict.ExitCode, Is.Not.Zero);
            Assert.That(conflict.Stderr, Does.Contain("conflict with \"one\": .spec.size"));
        });
        var forced = await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 2), "apply", "--server-side", "--field-manager=two", "--force-conflicts", "-f", "-");
        Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
    }

    // A12: custom resources by short name and category, with the CRD's printer columns.
    [Test]
    public async Task Get_CustomResources_ByShortNameAndCategory()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 7), "apply", "--server-side", "-f", "-");
        var byShortName = await kubectl.OkAsync("-n", ns, "get", "wd");
        Assert.That(byShortName, Does.Match(@"NAME\s+SIZE\s+PHASE\s+AGE\s*\nw\s+7\s+\s+\d+s"));
        var byCategory = await kubectl.OkAsync("-n", ns, "get", "examples");
        Assert.That(byCategory, Does.Contain("widget.example.com/w"));
    }

    // A8: kubectl patch --subresource=status changes only status.
    [Test]
    public async Task PatchSubresourceStatus_ChangesOnlyStatus()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 1), "apply", "--server-side", "-f", "-");
        await kubectl.OkAsync("-n", ns, "patch", "widget", "w", "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Ready"},"spec":{"size":9}}""");
        var table = await kubectl.OkAsync("-n", ns, "get", "widget", "w");
        Assert.That(table, Does.Match(@"w\s+1\s+Ready"));
    }

    // kubectl label/annotate use merge patches; --show-labels and jsonpath read them back.
    [Test]
    public async Task LabelAndAnnotate_AreApplied()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.OkAsync("-n", ns, "create", "configmap", "c", "--from-literal=k=v");
        await kubectl.OkAsync("-n", ns, "label", "configmap", "c", "tier=gold");
        await kubectl.OkAsync("-n", ns, "annotate", "configmap", "c", "note=hello");
        var labels = await kubectl.OkAsync("-n", ns, "get", "configmap", "c", "--show-labels");
        var note = await kubectl.OkAsync("-n", ns, "get", "configmap", "c", "-o", "jsonpath={.metadata.annotations.note}");
        Assert.Multiple(() =>
        {
            Assert.That(labels, Does.Contain("tier=gold"));
            Assert.That(note, Is.EqualTo("hello"));
        });
        var selected = await kubectl.OkAsync("-n", ns, "get", "configmaps", "-l", "tier=gold", "-o", "name");
        Assert.That(selected.Trim(), Is.EqualTo("configmap/c"));
    }

    // A7: kubectl delete of an object with a finalizer leaves it terminating until the finalizer goes.
    [Test]
    public async Task Delete_WithFinalizer_WaitsForFinalizerRemoval()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 1).Replace("  namespace:", "  finalizers: [example.com/hold]\n  namespace:", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");
        var deleted = await kubectl.OkAsync("-n", ns, "delete", "widget", "w", "--wait=false");
        Assert.That(deleted.Trim(), Is.EqualTo("widget.example.com \"w\" deleted"));
        var stamp = await kubectl.OkAsync("-n", ns, "get", "widget", "w", "-o", "jsonpath={.metadata.deletionTimestamp}");
        Assert.That(stamp, Is.Not.Empty);
        await kubectl.OkAsync("-n", ns, "patch", "widget", "w", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        var gone = await kubectl.RunAsync("-n", ns, "get", "widget", "w");
        Assert.That(gone.Stderr, Does.Contain("widgets.example.com \"w\" not found"));
        // Without --wait=false kubectl watches the object until it is gone.
        await kubectl.OkAsync("-n", ns, "create", "configmap", "plain");
        var waited = await kubectl.OkAsync("-n", ns, "delete", "configmap", "plain");
        Assert.That(waited.Trim(), Is.EqualTo("configmap \"plain\" deleted"));
    }

    // A12: kubectl get -w lists, then watches from the list's resourceVersion and prints new rows.
    [Test]
    public async Task GetWatch_PrintsNewObjects()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        await kubectl.OkAsync("-n", ns, "create", "configmap", "first");
        var lines = await kubectl.ReadLinesAsync(
            l => l.Any(x => x.StartsWith("second", StringComparison.Ordinal)),
            async () => await kubectl.OkAsync("-n", ns, "create", "configmap", "second"),
            "-n", ns, "get", "configmaps", "-w");
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("NAME"));
            Assert.That(lines.Any(l => l.StartsWith("first", StringComparison.Ordinal)), Is.True);
            // Watch events are one-row Tables, so new rows keep the list's columns and no second header appears.
            Assert.That(lines.Single(l => l.StartsWith("second", StringComparison.Ordinal)), Does.Match(@"^second\s+0\s+\d+s$"));
            Assert.That(lines.Count(l => l.StartsWith("NAME", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }

    // RBAC: kubectl auth can-i answers from the loaded Roles and bindings (SelfSubjectAccessReview).
    [Test]
    public async Task AuthCanI_FollowsRbac()
    {
        var token = _server.AddUser("alice");
        using var alice = new KubectlRunner(_server, token);
        var yes = await alice.RunAsync("auth", "can-i", "list", "secrets", "-n", "team-a");
        var no = await alice.RunAsync("auth", "can-i", "list", "secrets", "-n", "team-b");
        Assert.Multiple(() =>
        {
            Assert.That(yes.Stdout.Trim(), Is.EqualTo("yes"));
            Assert.That(no.Stdout.Trim(), Is.EqualTo("no"));
            Assert.That(no.ExitCode, Is.EqualTo(1));
        });
        var forbidden = await alice.RunAsync("get", "secrets", "-n", "team-b");
        Assert.That(forbidden.Stderr, Does.Contain("secrets is forbidden: User \"alice\" cannot list resource \"secrets\" in API group \"\" in the namespace \"team-b\""));
    }

    // Deployment manifests carry a PodDisruptionBudget: kubectl finds policy/v1 by short name, dry-runs it with
    // server-side apply, and prints the real columns (N/A for the bound not set, 0 before any status).
    [Test]
    public async Task PodDisruptionBudget_ApplyServerSideAndGetByShortName()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        var yaml = $"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: p
              namespace: {ns}
            spec:
              maxUnavailable: 1
              selector:
                matchLabels:
                  app: a
            """;
        var dryRun = await kubectl.RunWithInputAsync(yaml, "apply", "--server-side", "--dry-run=server", "-f", "-");
        Assert.That(dryRun.Stdout.Trim(), Is.EqualTo("poddisruptionbudget.policy/p serverside-applied (server dry run)"), dryRun.Stderr);
        var applied = await kubectl.RunWithInputAsync(yaml, "apply", "--server-side", "-f", "-");
        Assert.That(applied.ExitCode, Is.Zero, applied.Stderr);
        var table = await kubectl.OkAsync("-n", ns, "get", "pdb");
        Assert.That(table, Does.Match(@"NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\s*\np\s+N/A\s+1\s+0\s+\d+s"));
    }

    // A12: kubectl get events prints the real event columns (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE).
    [Test]
    public async Task GetEvents_PrintsEventColumns()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        var yaml = $"""
            apiVersion: v1
            kind: Event
            metadata:
              name: e1
              namespace: {ns}
            involvedObject:
              kind: Secret
              name: s1
              namespace: {ns}
            type: Normal
            reason: Tested
            message: hello world
            """;
        var created = await kubectl.RunWithInputAsync(yaml, "create", "-f", "-");
        Assert.That(created.ExitCode, Is.Zero, created.Stderr);
        var table = await kubectl.OkAsync("-n", ns, "get", "events");
        Assert.That(table, Does.Match(@"LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\s*\n\S+\s+Normal\s+Tested\s+secret/s1\s+hello world"));
    }

    // apiextensions: with fieldValidation=Warn unknown fields are pruned and reported as Warning headers, which kubectl prints.
    [Test]
    public async Task CreateWithValidateWarn_PrunesUnknownFieldAndWarns()
    {
        var (kubectl, ns) = await SetUpAsync();
        using var _ = kubectl;
        var created = await kubectl.RunWithInputAsync(WidgetYaml(ns, "w", 1, "  bogus: 1"), "create", "--validate=warn", "-f", "-");
        Assert.Multiple(() =>
        {
            Assert.That(created.ExitCode, Is.Zero, created.Stderr);
            Assert.That(created.Stderr, Does.Contain("Warning: unknown field \"spec.bogus\""));
        });
        var spec = await kubectl.OkAsync("-n", ns, "get", "widget", "w", "-o", "jsonpath={.spec}");
        Assert.That(spec, Does.Not.Contain("bogus"));
    }
}
