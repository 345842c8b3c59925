namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>Binary record fields compare by content, and certificate-authority-data is read as clientcmd reads it.</summary>
public class BlobTests
{
    [Test]
    public void Equality_IsByContent()
    {
        var a = new Blob([1, 2, 3]);

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(new Blob([1, 2, 3])));
            Assert.That(a.GetHashCode(), Is.EqualTo(new Blob([1, 2, 3]).GetHashCode()));
            Assert.That(a, Is.Not.EqualTo(new Blob([1, 2])));
            Assert.That(a.Sha256(), Is.EqualTo(new Blob([1, 2, 3]).Sha256()).And.Not.EqualTo(new Blob([1, 2, 4]).Sha256()));
            Assert.That(a == new Blob([1, 2, 3]) && a != new Blob([1, 2]) && (Blob?)null == null && a != null, Is.True);
        });
    }

    [Test]
    public void FromBase64_RoundTripsCanonicalText_AndRefusesOtherText()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Blob.FromBase64("QUJD")!.ToBase64(), Is.EqualTo("QUJD"));
            Assert.That(Blob.FromBase64(null), Is.Null);
            Assert.Throws<FormatException>(() => Blob.FromBase64("not base64 !"));
        });
    }

    [Test]
    public void ToString_ShowsTheLengthOnly() => Assert.That(new Blob("secret"u8).ToString(), Is.EqualTo("6 bytes"));
}
