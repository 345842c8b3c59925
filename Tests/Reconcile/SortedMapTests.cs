namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>The label and annotation map: ordinal order, value equality, and the edits reconcile makes.</summary>
public class SortedMapTests
{
    [Test]
    public void From_UnorderedEntries_EnumeratesInOrdinalKeyOrder()
    {
        var map = SortedMap.Of(("b", "2"), ("a", "1"), ("B", "3"), ("a/x", "4"));

        Assert.That(map.Keys, Is.EqualTo(new[] { "B", "a", "a/x", "b" }));
        Assert.That(map.Values, Is.EqualTo(new[] { "3", "1", "4", "2" }));
        Assert.That(map.ToString(), Is.EqualTo("{B=3, a=1, a/x=4, b=2}"));
    }

    [Test]
    public void From_RepeatedKeyWithSameValue_KeepsOne() =>
        Assert.That(SortedMap.Of(("a", "1"), ("b", "2"), ("a", "1")), Is.EqualTo(SortedMap.Of(("a", "1"), ("b", "2"))).And.Count.EqualTo(2));

    [Test]
    public void From_RepeatedKeyWithDifferentValues_Throws() =>
        Assert.Throws<ArgumentException>(() => SortedMap.Of(("a", "1"), ("a", "2")));

    [Test]
    public void From_NullOrEmpty_IsTheSharedEmptyMap()
    {
        Assert.That(SortedMap.From(null), Is.SameAs(SortedMap.Empty));
        Assert.That(SortedMap.From([]), Is.SameAs(SortedMap.Empty));
    }

    [Test]
    public void Lookups_FindPresentKeysOnly()
    {
        var map = SortedMap.Of(("kamaji.clastix.io/component", "ca"), ("app", "x"), ("zone", "eu"));

        Assert.That(map["app"], Is.EqualTo("x"));
        Assert.That(map.TryGetValue("zone", out var zone) && zone == "eu", Is.True);
        Assert.That(map.ContainsKey("kamaji.clastix.io/component"), Is.True);
        Assert.That(map.ContainsKey("App"), Is.False, "keys compare ordinally");
        Assert.That(map.TryGetValue("missing", out _), Is.False);
        Assert.Throws<KeyNotFoundException>(() => _ = map["missing"]);
    }

    [Test]
    public void With_AddsInOrderOrReplaces_AndLeavesTheOriginal()
    {
        var original = SortedMap.Of(("a", "1"), ("c", "3"));

        Assert.That(original.With("b", "2").Keys, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(original.With("0", "0").Keys.First(), Is.EqualTo("0"));
        Assert.That(original.With("d", "4").Keys.Last(), Is.EqualTo("d"));
        Assert.That(original.With("c", "x")["c"], Is.EqualTo("x"));
        Assert.That(original, Is.EqualTo(SortedMap.Of(("a", "1"), ("c", "3"))));
    }

    [Test]
    public void Without_RemovesPresentKeys_AndIgnoresAbsentOnes()
    {
        var map = SortedMap.Of(("a", "1"), ("b", "2"), ("c", "3"));

        Assert.That(map.Without("b"), Is.EqualTo(SortedMap.Of(("a", "1"), ("c", "3"))));
        Assert.That(map.Without("a").Without("c").Without("b"), Is.EqualTo(SortedMap.Empty));
        Assert.That(map.Without("x"), Is.SameAs(map));
    }

    [Test]
    public void Equality_IsByContent_WhateverTheInsertionOrder()
    {
        var left = SortedMap.Of(("a", "1"), ("b", "2"));
        var right = SortedMap.Empty.With("b", "2").With("a", "1");

        Assert.That(left, Is.EqualTo(right));
        Assert.That(left.GetHashCode(), Is.EqualTo(right.GetHashCode()));
        Assert.That(left, Is.Not.EqualTo(right.With("a", "9")));
        Assert.That(left.Contains(SortedMap.Of(("b", "2"))), Is.True);
        Assert.That(left.Contains(SortedMap.Of(("b", "3"))), Is.False);
    }
}
