using KamajiKubeconfig.Reconcile;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>
/// The kubeconfig reader builds its document from the events the bounds check walked instead of scanning the text
/// again: the result must be the document YamlDotNet reads from the text itself, errors included.
/// </summary>
[TestFixture]
public sealed class YamlReplayTests
{
    [TestCase("apiVersion: v1\nclusters:\n- cluster: {server: 'https://a:6443', certificate-authority-data: QUJD}\n  name: a\n")]
    [TestCase("base: &b {server: https://x}\nclusters:\n- cluster: *b\n  name: x\n")]
    [TestCase("{\"clusters\": [{\"name\": \"j\", \"cluster\": {\"server\": \"https://j\"}}], \"current-context\": \"\"}")]
    [TestCase("users:\n- name: u\n  user:\n    client-key-data: |\n      multi\n      line\n")]
    public void Replay_BuildsTheDocumentReadFromTheText(string text)
    {
        Assert.That(YamlBounds.Read(text, out var events, out var malformed), Is.Null);
        Assert.That(malformed, Is.Null);
        var direct = new YamlStream();
        direct.Load(new StringReader(text));
        var replayed = new YamlStream();
        replayed.Load(new YamlBounds.Replay(events));
        Assert.That(Dump(replayed), Is.EqualTo(Dump(direct)));
    }

    [Test]
    public void Replay_DuplicateKey_StillFailsAsTheLoaderWould()
    {
        var text = "clusters: []\nclusters: []\n";
        Assert.That(YamlBounds.Read(text, out var events, out _), Is.Null);
        Assert.Throws<YamlException>(() => new YamlStream().Load(new StringReader(text)));
        Assert.Throws<YamlException>(() => new YamlStream().Load(new YamlBounds.Replay(events)));
        Assert.That(KubeconfigReader.TryRead(text, out var error), Is.Null);
        Assert.That(error, Does.StartWith("the kubeconfig is not valid YAML: "));
    }

    [Test]
    public void Read_MalformedText_ReturnsTheParsersComplaintAndNoLimitError()
    {
        Assert.That(YamlBounds.Read("a: [1, 2\nb: 3\n", out _, out var malformed), Is.Null);
        Assert.That(malformed, Is.Not.Null);
    }

    private static string Dump(YamlStream stream)
    {
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
