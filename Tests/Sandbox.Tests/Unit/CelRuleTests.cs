using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Tests.Unit;

/// <summary>x-kubernetes-validations through the Cel package: evaluation, and loud refusal of what it cannot evaluate.</summary>
public sealed class CelRuleTests
{
    private static List<StatusFactory.Cause> Check(string rule, string json, string type = "object")
    {
        var schema = JsonNode.Parse($$"""{"type":"{{type}}","x-kubernetes-validations":[{"rule":{{System.Text.Json.JsonSerializer.Serialize(rule)}},"message":"m"}]}""")!.AsObject();
        var causes = new List<StatusFactory.Cause>();
        CelValidator.Check(JsonNode.Parse(json)!, null, false, schema, "spec.x", causes);
        return causes;
    }

    [TestCase("self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0) : (!has(self.values) || size(self.values) == 0)", """{"operator":"Exists"}""")]
    [TestCase("self.all(k, k != '')", """{"a":1}""")]
    [TestCase("self.n > 3 || self.n < 0", """{"n":5}""")]
    public void Check_RuleHolds_NoCause(string rule, string json) => Assert.That(Check(rule, json), Is.Empty);

    [Test]
    public void Check_RuleFails_InvalidWithSchemaTypeAndMessage() =>
        Assert.That(Check("duration(self) >= duration('1m')", "\"30s\"", "string").Single().Message, Is.EqualTo("spec.x: Invalid value: \"string\": m"));

    [Test]
    public void Check_RuntimeError_ReportedNotSkipped() =>
        Assert.That(Check("self.missing == 'x'", "{}").Single().Message, Does.Contain("evaluating rule: m"));

    [TestCase("quantity(self).isLessThan(quantity('1'))")]
    [TestCase("self.lowerAscii() == 'a'")]
    [TestCase("self ===")]
    public void Compile_WhatTheSandboxCannotEvaluate_Throws(string rule) =>
        Assert.Throws<CelCompileException>(() => CelRule.Compile(rule));

    [Test]
    public void CrdProblems_UnevaluableRule_RefusesTheCrd()
    {
        var crd = JsonNode.Parse("""{"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"string","x-kubernetes-validations":[{"rule":"url(self).getHost() == 'x'"}]}}}}}]}}""")!.AsObject();
        Assert.That(CrdRuleCompiler.Problems(crd).Single().Field,
            Is.EqualTo("spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule"));
    }
}
