using System.Text.Json.Nodes;
using k8s;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>docs/behaviour.md scenarios C9 (pause on generator, TCP, Secret) and C10 (deletion of generator and TCP).</summary>
public class ScenarioLifecycleTests : EndToEndTestBase
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    private async Task<(string Ns, string Generator)> IssuedAsync(string prefix)
    {
        var ns = Unique(prefix);
        await CreateNamespaceAsync(ns);
        await CreateTenantAsync(ns, "t");
        var generator = Unique(prefix);
        await CreateGeneratorForAsync(generator, ns);
        await SecretAsync(ns, $"t-{generator}");
        return (ns, generator);
    }

    private static JsonObject Annotate(string key, string? value) =>
        new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };

    [Test]
    public async Task PausedGenerator_DoesNotRecreateUntilUnpaused()
    {
        var (ns, generator) = await IssuedAsync("pausegen");
        await PatchGeneratorAsync(generator, Annotate(WellKnown.PausedAnnotation, "true"));
        await Task.Delay(500);

        await Admin.CoreV1.DeleteNamespacedSecretAsync($"t-{generator}", ns);
        await Task.Delay(Quiet);
        Assert.That(await GetSecretAsync(ns, $"t-{generator}"), Is.Null, "nothing written while paused");

        await PatchGeneratorAsync(generator, Annotate(WellKnown.PausedAnnotation, null));
        await SecretAsync(ns, $"t-{generator}");
    }

    [Test]
    public async Task PausedTcp_IsNotWrittenAndReportsWhy()
    {
        var (ns, generator) = await IssuedAsync("pausetcp");
        await PatchTenantAsync(ns, "t", Annotate(WellKnown.PausedAnnotation, ""));
        await Task.Delay(500);

        await Admin.CoreV1.DeleteNamespacedSecretAsync($"t-{generator}", ns);

        await StatusAsync(generator, s => s.TryGetProperty("errors", out var e)
            && e[0].GetProperty("message").GetString()!.StartsWith("the TenantControlPlane is paused", StringComparison.Ordinal), "the pause error");
        Assert.That(await GetSecretAsync(ns, $"t-{generator}"), Is.Null);
    }

    [Test]
    public async Task PausedSecret_IsNotRotated()
    {
        var (ns, generator) = await IssuedAsync("pausesecret");
        var before = (await GetSecretAsync(ns, $"t-{generator}"))!;

        await Admin.CoreV1.PatchNamespacedSecretAsync(MergePatch(new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [WellKnown.PausedAnnotation] = "", [WellKnown.RotateAnnotation] = "" } },
        }), $"t-{generator}", ns);

        await StatusAsync(generator, s => s.TryGetProperty("errors", out var e)
            && e[0].GetProperty("message").GetString()!.Contains("Secret is paused", StringComparison.Ordinal), "the pause error");
        Assert.That(ClientCertificatePem((await GetSecretAsync(ns, $"t-{generator}"))!), Is.EqualTo(ClientCertificatePem(before)));
    }

    [Test]
    public async Task GeneratorDeleted_SecretsGoFirstThenTheGenerator()
    {
        var (ns, generator) = await IssuedAsync("delgen");
        var finalizers = (await GetGeneratorAsync(generator))!.Value.GetProperty("metadata").GetProperty("finalizers");
        Assert.That(finalizers.EnumerateArray().Select(f => f.GetString()), Does.Contain(WellKnown.Finalizer));

        await DeleteGeneratorAsync(generator);

        await SecretGoneAsync(ns, $"t-{generator}");
        await Eventually.HoldsAsync(async () => await GetGeneratorAsync(generator) is null, "the generator to be gone");
    }

    [Test]
    public async Task TcpDeleted_ItsSecretGoes()
    {
        var (ns, generator) = await IssuedAsync("deltcp");

        await DeleteTenantAsync(ns, "t");

        await SecretGoneAsync(ns, $"t-{generator}");
        await StatusAsync(generator, s => s.GetProperty("resources").GetInt32() == 0, "no targets left");
    }
}
