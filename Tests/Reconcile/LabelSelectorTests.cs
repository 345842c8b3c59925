using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>docs/behaviour.md A1: LabelSelector semantics; B10: a bad selector is reported in apimachinery's words.</summary>
public class LabelSelectorTests
{
    private static readonly SortedMap Labels = SortedMap.Of(("environment", "production"), ("tier", "gold"));

    [Test]
    public void Matches_EmptySelector_SelectsEverything() =>
        Assert.That(LabelSelector.Everything.Matches(SortedMap.Empty), Is.True);

    [TestCase("environment", "production", true)]
    [TestCase("environment", "staging", false)]
    [TestCase("missing", "x", false)]
    public void Matches_MatchLabels_RequiresEqualValue(string key, string value, bool expected) =>
        Assert.That(GeneratorBuilder.Labels((key, value)).Matches(Labels), Is.EqualTo(expected));

    [TestCase("In", new[] { "production", "staging" }, true)]
    [TestCase("In", new[] { "staging" }, false)]
    [TestCase("NotIn", new[] { "staging" }, true)]
    [TestCase("NotIn", new[] { "production" }, false)]
    [TestCase("Exists", new string[0], true)]
    [TestCase("DoesNotExist", new string[0], false)]
    public void Matches_Expression_FollowsKubernetesSemantics(string op, string[] values, bool expected) =>
        Assert.That(GeneratorBuilder.Expression("environment", op, values).Matches(Labels), Is.EqualTo(expected));

    [Test]
    public void Matches_NotInOnAbsentLabel_Matches() =>
        Assert.That(GeneratorBuilder.Expression("absent", "NotIn", "x").Matches(Labels), Is.True);

    [TestCase("in", new[] { "a" }, "\"in\" is not a valid label selector operator")]
    [TestCase("In", new string[0], "for 'in', 'notin' operators, values set can't be empty")]
    [TestCase("Exists", new[] { "a" }, "values set must be empty for exists and does not exist")]
    public void Validate_BadExpression_ReturnsApimachineryMessage(string op, string[] values, string message) =>
        Assert.That(GeneratorBuilder.Expression("environment", op, values).Validate(), Is.EqualTo(message));

    [Test]
    public void Validate_BadKey_NamesTheKey() =>
        Assert.That(GeneratorBuilder.Expression("bad key!", "Exists").Validate(), Does.StartWith("key: Invalid value: \"bad key!\""));

    [Test]
    public void Validate_BadValue_NamesTheValue() =>
        Assert.That(GeneratorBuilder.Labels(("k", "has space")).Validate(), Does.Contain("\"has space\""));

    [Test]
    public void Validate_PrefixedKey_IsValid() =>
        Assert.That(GeneratorBuilder.Expression("tenant.clastix.io/name", "Exists").Validate(), Is.Null);
}
