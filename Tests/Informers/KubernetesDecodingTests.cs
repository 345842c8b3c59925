using k8s;
using k8s.Models;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Informers;

/// <summary>The client's process-wide decoding as <see cref="KubernetesDecoding.Configure"/> leaves it (the test assembly configures it first).</summary>
public sealed class KubernetesDecodingTests
{
    private const string SecretJson = """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"t1-g","namespace":"ns","resourceVersion":"7",
         "labels":{"a":"b"},
         "managedFields":[{"manager":"kubeconfig-generator","operation":"Update","apiVersion":"v1","time":"2026-12-01T00:00:00Z",
           "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:value":{}},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}}],
         "annotations":{"x":"y"}},
         "type":"Opaque","data":{"value":"aGVsbG8="}}
        """;

    [Test]
    public void Decode_SkipsManagedFields_AndKeepsEverythingAround()
    {
        var secret = KubernetesJson.Deserialize<V1Secret>(SecretJson);

        Assert.Multiple(() =>
        {
            Assert.That(secret.Metadata.ManagedFields, Is.Null);
            Assert.That((secret.Metadata.Name, secret.Metadata.ResourceVersion), Is.EqualTo(("t1-g", "7")));
            Assert.That(secret.Metadata.Labels, Is.EqualTo(new Dictionary<string, string> { ["a"] = "b" }));
            Assert.That(secret.Metadata.Annotations, Is.EqualTo(new Dictionary<string, string> { ["x"] = "y" }));
            Assert.That(secret.Data["value"], Is.EqualTo("hello"u8.ToArray()));
        });
    }

    [Test]
    public void Decode_WatchEventWithManagedFields_IsTheObjectWithoutThem()
    {
        var evt = KubernetesJson.Deserialize<Watcher<V1Secret>.WatchEvent>($$"""{"type":"ADDED","object":{{SecretJson}}}""");

        Assert.That((evt.Type, evt.Object.Metadata.Name, evt.Object.Metadata.ManagedFields), Is.EqualTo((WatchEventType.Added, "t1-g", (IList<V1ManagedFieldsEntry>?)null)));
    }

    [Test]
    public void Decode_ListStreamLargerThanOneBuffer_SkipsManagedFieldsInEveryItem()
    {
        // Decoded from a stream in chunks, as the client reads list and write answers: 400 items, far over one buffer.
        var json = $$"""{"apiVersion":"v1","kind":"SecretList","metadata":{"resourceVersion":"9"},"items":[{{string.Join(",", Enumerable.Repeat(SecretJson, 400))}}]}""";

        var list = KubernetesJson.Deserialize<V1SecretList>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.That(list.Items.Select(s => (s.Metadata.Name, s.Metadata.ManagedFields, s.Data["value"].Length)),
            Is.EqualTo(Enumerable.Repeat(("t1-g", (IList<V1ManagedFieldsEntry>?)null, 5), 400)));
    }

    [Test]
    public void Encode_ManagedFieldsAreStillWritten()
    {
        var json = KubernetesJson.Serialize(new V1ObjectMeta
        {
            Name = "x",
            ManagedFields = [new V1ManagedFieldsEntry { Manager = "m", Operation = "Apply" }],
        });

        Assert.That(json, Does.Contain("\"managedFields\":[{").And.Contain("\"manager\":\"m\""));
    }
}
