using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Tests.Unit;

/// <summary>The CEL subset used for x-kubernetes-validations.</summary>
public sealed class CelSubsetTests
{
    [TestCase("""{"a":1}""", "has(self.a) && !has(self.b)", true)]
    [TestCase("""{"a":1,"b":2}""", "has(self.a) && !has(self.b)", false)]
    [TestCase("""{"s":"abc"}""", "size(self.s) <= 3", true)]
    [TestCase("""{"s":"abcd"}""", "size(self.s) <= 3", false)]
    [TestCase("""{"x":"y"}""", "self.x == 'y' ? true : false", true)]
    [TestCase("""{"n":5}""", "self.n > 3 || self.n < 0", true)]
    public void Evaluate_KnownSubset_GivesResult(string json, string rule, bool expected) =>
        Assert.That(CelSubset.Evaluate(rule, JsonNode.Parse(json)), Is.EqualTo(expected));

    [Test]
    public void Evaluate_UnknownFunction_IsNotEvaluated() =>
        Assert.That(CelSubset.Evaluate("self.all(x, x > 0)", JsonNode.Parse("[1]")), Is.Null);
}
