using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>docs/behaviour.md scenarios C2 (selectors include/exclude, pruning follows) and C12 (two generators).</summary>
public class ScenarioSelectionTests : EndToEndTestBase
{
    [Test]
    public async Task NamespaceRelabelled_SecretsFollowTheSelector()
    {
        var ns = Unique("sel");
        await CreateNamespaceAsync(ns, ("environment", "production"));
        await CreateTenantAsync(ns, "t1");
        var generator = Unique("sel");
        await CreateGeneratorAsync($"""
            apiVersion: kamaji.clastix.io/v1alpha1
            kind: KubeconfigGenerator
            metadata: {"{"}name: {generator}{"}"}
            spec:
              namespaceSelector: {"{"}matchLabels: {"{"}environment: production{"}}"}
              user: {"{"}fromDefinition: metadata.name{"}"}
            """);
        await SecretAsync(ns, $"t1-{generator}");

        await LabelNamespaceAsync(ns, ("environment", "retired"));
        await SecretGoneAsync(ns, $"t1-{generator}");

        await LabelNamespaceAsync(ns, ("environment", "production"));
        await SecretAsync(ns, $"t1-{generator}");
    }

    [Test]
    public async Task TcpRelabelled_SecretsFollowTheTcpSelector()
    {
        var ns = Unique("tcpsel");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "gold", ("tier", "gold"));
        await CreateTenantAsync(ns, "silver", ("tier", "silver"));
        var generator = Unique("tier");
        await CreateGeneratorForAsync(generator, ns, specExtra: """
              tenantControlPlaneSelector:
                matchExpressions:
                  - {key: tier, operator: In, values: [gold]}
            """);
        await SecretAsync(ns, $"gold-{generator}");
        Assert.That(await GetSecretAsync(ns, $"silver-{generator}"), Is.Null);

        await PatchTenantAsync(ns, "silver", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "gold" } } });
        await PatchTenantAsync(ns, "gold", new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["tier"] = "bronze" } } });

        await SecretAsync(ns, $"silver-{generator}");
        await SecretGoneAsync(ns, $"gold-{generator}");
        await StatusAsync(generator, s => s.GetProperty("resources").GetInt32() == 1 && s.GetProperty("availableResources").GetInt32() == 1, "one target");
    }

    [Test]
    public async Task NewTcpInSelectedNamespace_GetsItsKubeconfig()
    {
        var ns = Unique("newtcp");
        await CreateNamespaceAsync(ns);
        var generator = Unique("new");
        await CreateGeneratorForAsync(generator, ns);
        await StatusAsync(generator, s => s.GetProperty("resources").GetInt32() == 0, "no targets yet");

        await CreateTenantAsync(ns, "late");

        await SecretAsync(ns, $"late-{generator}");
        await StatusAsync(generator, s => s.GetProperty("availableResources").GetInt32() == 1, "one available");
    }

    [Test]
    public async Task TwoGenerators_OverTheSameTcp_HaveIndependentSecretsAndStatus()
    {
        var ns = Unique("two");
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var first = Unique("first");
        var second = Unique("second");
        await CreateGeneratorForAsync(first, ns, "stringValue: alice");
        await CreateGeneratorForAsync(second, ns, "stringValue: bob");

        var a = await SecretAsync(ns, $"t-{first}");
        var b = await SecretAsync(ns, $"t-{second}");
        Assert.That(ClientCertificatePem(a), Is.Not.EqualTo(ClientCertificatePem(b)));

        await DeleteGeneratorAsync(second);
        await SecretGoneAsync(ns, $"t-{second}");
        var stillThere = await GetSecretAsync(ns, $"t-{first}");
        Assert.That(stillThere!.Metadata.ResourceVersion, Is.EqualTo(a.Metadata.ResourceVersion));
    }
}
