using k8s.Models;
using KamajiKubeconfig.Controller.Mapping;

namespace KamajiKubeconfig.Tests.Mapping;

/// <summary>The cache's shared strings: equal strings become one instance, and the pool never grows past its bound.</summary>
public class StringPoolTests
{
    [Test]
    public void Intern_EqualStrings_GivesOneInstance()
    {
        var pool = new StringPool(capacity: 16, maxLength: 64);
        var first = pool.Intern(new string("kamaji.clastix.io/component".AsSpan()));
        var second = pool.Intern(new string("kamaji.clastix.io/component".AsSpan()));

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void Intern_LongString_IsReturnedAsItIsAndNotPooled()
    {
        var pool = new StringPool(capacity: 16, maxLength: 8);
        var value = new string('x', 9);

        Assert.That(pool.Intern(value), Is.SameAs(value));
        Assert.That(pool.Count, Is.Zero);
    }

    [Test]
    public void Intern_ManyUniqueStrings_NeverHoldsMoreThanItsCapacity()
    {
        var pool = new StringPool(capacity: 100, maxLength: 64);
        for (var i = 0; i < 10_000; i++)
        {
            var value = $"checksum-{i}";
            Assert.That(pool.Intern(value), Is.EqualTo(value));
            Assert.That(pool.Count, Is.LessThanOrEqualTo(100));
        }
    }

    [Test]
    public void FromSecret_TwoSecrets_ShareTheirRepeatedMetadataStrings()
    {
        V1Secret Secret(string name) => new()
        {
            Metadata = new V1ObjectMeta
            {
                NamespaceProperty = new string("tenants".AsSpan()),
                Name = name,
                Labels = new Dictionary<string, string> { [new string("kamaji.clastix.io/component".AsSpan())] = new string("ca".AsSpan()) },
                OwnerReferences = [new V1OwnerReference { ApiVersion = new string("kamaji.clastix.io/v1alpha1".AsSpan()), Kind = new string("TenantControlPlane".AsSpan()), Name = name, Uid = "uid" }],
            },
            Data = new Dictionary<string, byte[]> { [new string("ca.crt".AsSpan())] = [1] },
        };

        var (a, b) = (CoreMapper.FromSecret(Secret("a")), CoreMapper.FromSecret(Secret("b")));

        Assert.That(b.Namespace, Is.SameAs(a.Namespace));
        Assert.That(b.Labels.Keys.Single(), Is.SameAs(a.Labels.Keys.Single()));
        Assert.That(b.Labels.Values.Single(), Is.SameAs(a.Labels.Values.Single()));
        Assert.That(b.OwnerReferences[0].Kind, Is.SameAs(a.OwnerReferences[0].Kind));
        Assert.That(b.Data.Keys.Single(), Is.SameAs(a.Data.Keys.Single()));
    }
}
