using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Patch;
using KamajiKubeconfig.Sandbox.Tests.Kubectl;

namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>
/// Every x-kubernetes-validations rule of the shipped CRDs, found in the CRD files, with an accepted and a rejected
/// object from crd-rule-cases.yaml sent by kubectl (apiextensions evaluates each rule on create; a false rule is a 422
/// naming the field, the schema type and the rule's message). A rule without cases fails its tests.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class CrdRuleChecks
{
    public sealed record ShippedRule(string Crd, string Path, int Index, string Type, string Message);

    public static IEnumerable<TestCaseData> Rules()
    {
        foreach (var rule in ShippedRules())
        {
            var name = $"CrdRule_{Path.GetFileNameWithoutExtension(rule.Crd).Split('_')[^1]}_{rule.Path.Replace("[*]", "_items", StringComparison.Ordinal)}_{rule.Index}";
            yield return new TestCaseData(rule, true).SetName(name + "_Accepts");
            yield return new TestCaseData(rule, false).SetName(name + "_Rejects");
        }
    }

    [TestCaseSource(nameof(Rules))]
    public async Task Rule(ShippedRule rule, bool accepted)
    {
        KubectlRunner.RequireKubectl();
        var cases = YamlToJson.ParseOne(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Independent", "crd-rule-cases.yaml")))!;
        var entry = (cases["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => c.GetString("crd") == rule.Crd && c.GetString("path") == rule.Path && c["index"]?.ToJsonString().Trim('"') == rule.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var fragments = entry?[accepted ? "accept" : "reject"] as JsonArray;
        Assert.That(fragments, Is.Not.Null.And.Not.Empty,
            $"{rule.Crd} {rule.Path} rule {rule.Index} has no {(accepted ? "accept" : "reject")} case in Tests/Sandbox.Tests/Independent/crd-rule-cases.yaml");
        using var kubectl = new KubectlRunner(IndependentSuite.Server);
        foreach (var fragment in fragments!)
        {
            var body = (JsonObject)MergePatch.Apply(cases["bases"]![rule.Crd]!.DeepClone(), fragment!.DeepClone())!;
            var result = await kubectl.RunWithInputAsync(body.ToJsonString(), "create", "--dry-run=server", "-f", "-");
            if (accepted)
            {
                Assert.That(result.ExitCode, Is.Zero, $"{fragment.ToJsonString()} should be accepted: {result.Stderr}");
            }
            else
            {
                var expected = $"{entry!.GetString("field")}: Invalid value: \"{rule.Type}\": {rule.Message}";
                Assert.That(result.Stderr, Does.Contain(expected), $"{fragment.ToJsonString()} should be rejected by the rule");
            }
        }
    }

    /// <summary>The rules in manifests/crds/*.yaml, by schema path.</summary>
    public static IEnumerable<ShippedRule> ShippedRules()
    {
        foreach (var file in Directory.EnumerateFiles(IndependentSuite.ShippedCrds, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var crd in YamlToJson.ParseAll(File.ReadAllText(file)).OfType<JsonObject>())
            {
                foreach (var version in crd.Get("spec", "versions") as JsonArray ?? [])
                {
                    if (version?.Get("schema", "openAPIV3Schema") is JsonObject schema)
                    {
                        foreach (var rule in Walk(Path.GetFileName(file), schema, ""))
                        {
                            yield return rule;
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<ShippedRule> Walk(string crd, JsonObject schema, string path)
    {
        var rules = schema["x-kubernetes-validations"] as JsonArray ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var message = rules[i]?.GetString("message") is { Length: > 0 } m ? m.Trim() : $"failed rule: {rules[i]?.GetString("rule")?.Trim()}";
            yield return new ShippedRule(crd, path, i, schema.GetString("type") ?? "", message);
        }
        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            foreach (var rule in Walk(crd, (JsonObject)child!, path.Length == 0 ? name : $"{path}.{name}"))
            {
                yield return rule;
            }
        }
        if (schema["items"] is JsonObject items)
        {
            foreach (var rule in Walk(crd, items, path + "[*]"))
            {
                yield return rule;
            }
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var rule in Walk(crd, additional, path + "[*]"))
            {
                yield return rule;
            }
        }
    }
}
