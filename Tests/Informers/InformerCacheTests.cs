using KamajiKubeconfig.Informers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Informers;

public class InformerCacheTests
{
    private static InformerCache<TestObject> NewCache() => new(TestObject.Accessor, TestObject.Indexers);

    [Test]
    public void Upsert_NewObject_ReturnsNullAndIsReadable()
    {
        var cache = NewCache();
        var a = TestObject.Of("ns1", "a");

        var old = cache.Upsert(a);

        Assert.Multiple(() =>
        {
            Assert.That(old, Is.Null);
            Assert.That(cache.Snapshot.Get(a.Key), Is.EqualTo(a));
            Assert.That(cache.Snapshot.Count, Is.EqualTo(1));
            Assert.That(cache.Snapshot.List(), Is.EquivalentTo(new[] { a }));
        });
    }

    [Test]
    public void Upsert_ExistingObject_ReturnsPreviousState()
    {
        var cache = NewCache();
        var v1 = TestObject.Of("ns1", "a").At("1");
        var v2 = v1.At("2");
        cache.Upsert(v1);

        var old = cache.Upsert(v2);

        Assert.That(old, Is.EqualTo(v1));
        Assert.That(cache.Snapshot.Get(v1.Key), Is.EqualTo(v2));
    }

    [Test]
    public void Delete_MissingObject_ReturnsNull()
    {
        var cache = NewCache();

        Assert.That(cache.Delete(new ObjectKey("ns1", "ghost")), Is.Null);
    }

    [Test]
    public void ListByNamespace_MixedNamespaces_ReturnsOnlyThatNamespace()
    {
        var cache = NewCache();
        var a = TestObject.Of("ns1", "a");
        var b = TestObject.Of("ns1", "b");
        cache.Upsert(a);
        cache.Upsert(b);
        cache.Upsert(TestObject.Of("ns2", "c"));
        cache.Delete(b.Key);

        Assert.That(cache.Snapshot.ListByNamespace("ns1"), Is.EquivalentTo(new[] { a }));
        Assert.That(cache.Snapshot.ListByNamespace("nowhere"), Is.Empty);
    }

    [Test]
    public void ListByNamespace_CacheWithoutNamespaceIndex_Throws()
    {
        var cache = new InformerCache<TestObject>(TestObject.Accessor, TestObject.Indexers, byNamespace: false);
        cache.Upsert(TestObject.Of("ns1", "a"));

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => cache.Snapshot.ListByNamespace("ns1"));
            Assert.That(cache.Snapshot.Get(new ObjectKey("ns1", "a")), Is.Not.Null);
        });
    }

    [Test]
    public void ByIndex_UpdateChangesReferences_MovesObjectBetweenBuckets()
    {
        var cache = NewCache();
        var a = TestObject.Of("ns1", "a").Refs("ca-1", "admin-1");
        cache.Upsert(a);
        var moved = a.At("2").Refs("ca-2", "admin-1");

        cache.Upsert(moved);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "ca-1"), Is.Empty);
            Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "ca-2"), Is.EquivalentTo(new[] { moved }));
            Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "admin-1"), Is.EquivalentTo(new[] { moved }));
        });
    }

    [Test]
    public void ByIndex_AfterDelete_DropsObjectFromEveryBucket()
    {
        var cache = NewCache();
        var a = TestObject.Of("ns1", "a").Refs("ca");
        var b = TestObject.Of("ns2", "b").Refs("ca");
        cache.Upsert(a);
        cache.Upsert(b);

        cache.Delete(a.Key);

        Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "ca"), Is.EquivalentTo(new[] { b }));
    }

    [Test]
    public void ByIndex_UnknownIndex_Throws()
    {
        var cache = NewCache();

        Assert.That(() => cache.Snapshot.ByIndex("nope", "x"), Throws.ArgumentException);
    }

    [Test]
    public void Replace_ReportsAddsMovedUpdatesAndSyntheticDeletes_SkipsUnchanged()
    {
        var cache = NewCache();
        var kept = TestObject.Of("ns1", "kept").At("1");
        var changed = TestObject.Of("ns1", "changed").At("1");
        var gone = TestObject.Of("ns1", "gone").At("1").Refs("ca");
        cache.Upsert(kept);
        cache.Upsert(changed);
        cache.Upsert(gone);
        var changedV2 = changed.At("5");
        var added = TestObject.Of("ns2", "added").At("6");

        var changes = cache.Replace([kept, changedV2, added]);

        Assert.Multiple(() =>
        {
            Assert.That(changes, Is.EquivalentTo(new (TestObject? Old, TestObject? New)[]
            {
                (changed, changedV2),
                (null, added),
                (gone, null),
            }));
            Assert.That(cache.Snapshot.Get(gone.Key), Is.Null);
            Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "ca"), Is.Empty);
            Assert.That(cache.Snapshot.ListByNamespace("ns2"), Is.EquivalentTo(new[] { added }));
        });
    }

    [Test]
    public void Snapshot_TakenBeforeWrites_NeverChanges()
    {
        var cache = NewCache();
        var a = TestObject.Of("ns1", "a").Refs("ca");
        cache.Upsert(a);
        var snapshot = cache.Snapshot;

        cache.Delete(a.Key);
        cache.Upsert(TestObject.Of("ns1", "b").Refs("ca"));

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Get(a.Key), Is.EqualTo(a));
            Assert.That(snapshot.ByIndex(TestObject.ByReference, "ca"), Is.EquivalentTo(new[] { a }));
            Assert.That(cache.Snapshot.ByIndex(TestObject.ByReference, "ca").Single().Name, Is.EqualTo("b"));
        });
    }

    [Test]
    public void ObjectKey_ToString_UsesClientGoFormat()
    {
        Assert.That(new ObjectKey("ns1", "a").ToString(), Is.EqualTo("ns1/a"));
        Assert.That(ObjectKey.Cluster("a").ToString(), Is.EqualTo("a"));
    }
}
