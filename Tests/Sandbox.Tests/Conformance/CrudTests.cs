using System.Text;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>Create, get, update and their system metadata with the real C# client over HTTPS (A2, A3, A7).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class CrudTests : SharedSandboxTests<CrudTests>
{
    private static Task<string> NamespaceAsync() => NamespaceAsync("crud");

    // A2: create sets uid, creationTimestamp, resourceVersion from one counter; Secrets have no generation.
    [Test]
    public async Task Create_SetsSystemMetadata_AndNoGenerationForSecrets()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "s", Uid = "client-chosen" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        Assert.Multiple(() =>
        {
            Assert.That(created.Metadata.Uid, Is.Not.EqualTo("client-chosen").And.Not.Empty);
            Assert.That(created.Metadata.CreationTimestamp, Is.Not.Null);
            Assert.That(long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(created.Metadata.Generation, Is.Null);
            Assert.That(created.Type, Is.EqualTo("Opaque"));
            Assert.That(Encoding.UTF8.GetString(created.Data["k"]), Is.EqualTo("v"));
            Assert.That(created.StringData, Is.Null);
        });
    }

    // A3: create of an existing name is 409 AlreadyExists with details.kind = plural.
    [Test]
    public async Task Create_ExistingName_Is409AlreadyExists()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, ns);
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, ns), 409, "AlreadyExists");
        Assert.Multiple(() =>
        {
            Assert.That(status.Message, Is.EqualTo("configmaps \"c\" already exists"));
            Assert.That(status.Details.Kind, Is.EqualTo("configmaps"));
            Assert.That(status.Details.Name, Is.EqualTo("c"));
        });
    }

    // A3: create in a missing namespace is 404 on namespaces.
    [Test]
    public async Task Create_InMissingNamespace_Is404Namespace()
    {
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "nope"), 404, "NotFound");
        Assert.That(status.Message, Is.EqualTo("namespaces \"nope\" not found"));
    }

    // A3: get of a missing object is 404 with the qualified resource.
    [Test]
    public async Task Get_Missing_Is404WithQualifiedResource()
    {
        var ns = await NamespaceAsync();
        var status = await ApiAssert.FailsAsync(() => Client.CoordinationV1.ReadNamespacedLeaseAsync("x", ns), 404, "NotFound");
        Assert.That(status.Message, Is.EqualTo("leases.coordination.k8s.io \"x\" not found"));
    }

    // A7: a stale resourceVersion on PUT is 409 Conflict with the exact message.
    [Test]
    public async Task Update_StaleResourceVersion_Is409Conflict()
    {
        var ns = await NamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        first.Metadata.Labels = new Dictionary<string, string> { ["a"] = "1" };
        await Client.CoreV1.ReplaceNamespacedSecretAsync(first, "s", ns);
        first.Metadata.Labels["a"] = "2";
        var status = await ApiAssert.FailsAsync(() => Client.CoreV1.ReplaceNamespacedSecretAsync(first, "s", ns), 409, "Conflict");
        Assert.That(status.Message, Is.EqualTo("Operation cannot be fulfilled on secrets \"s\": the object has been modified; please apply your changes to the latest version and try again"));
    }

    // A7: Secrets accept a PUT without resourceVersion; Leases and CRs refuse it with 422.
    [Test]
    public async Task Update_WithoutResourceVersion_AllowedForSecrets_RefusedForLeases()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        var replaced = await Client.CoreV1.ReplaceNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s", Labels = new Dictionary<string, string> { ["x"] = "y" } } }, "s", ns);
        Assert.That(replaced.Metadata.Labels["x"], Is.EqualTo("y"));
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LeaseSpec { HolderIdentity = "a" } };
        await Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns);
        var status = await ApiAssert.FailsAsync(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "l", ns), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("leases.coordination.k8s.io \"l\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"));
    }

    // A7: a PUT of a missing Lease creates it (201); of a missing Secret is 404.
    [Test]
    public async Task Update_MissingObject_CreatesLease_ButNotSecret()
    {
        var ns = await NamespaceAsync();
        using var response = await Client.CoordinationV1.ReplaceNamespacedLeaseWithHttpMessagesAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "new" }, Spec = new V1LeaseSpec { HolderIdentity = "me" } }, "new", ns);
        Assert.That((int)response.Response.StatusCode, Is.EqualTo(201));
        await ApiAssert.FailsAsync(() => Client.CoreV1.ReplaceNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "new" } }, "new", ns), 404, "NotFound");
    }

    // A2: an update that changes nothing keeps the resourceVersion (no write, no event).
    [Test]
    public async Task Update_ThatChangesNothing_KeepsResourceVersion()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "b" } }, ns);
        var again = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", ns);
        Assert.That(again.Metadata.ResourceVersion, Is.EqualTo(created.Metadata.ResourceVersion));
    }

    // A2, B13-8: Lease MicroTime fields need exactly six fractional digits; a whole-second value is 400.
    [Test]
    public async Task Lease_WholeSecondMicroTime_Is400()
    {
        var ns = await NamespaceAsync();
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LeaseSpec { HolderIdentity = "a", RenewTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) } };
        var status = await ApiAssert.FailsAsync(() => Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns), 400, "BadRequest");
        Assert.That(status.Message, Does.Contain("cannot parse \"Z\" as \".000000\""));
        lease.Spec.RenewTime = new DateTime(2026, 1, 1, 0, 0, 0, 123, DateTimeKind.Utc);
        var created = await Client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns);
        Assert.That(created.Spec.RenewTime, Is.EqualTo(lease.Spec.RenewTime));
    }

    // A7: Namespaces get the kubernetes finalizer, phase Active and the metadata.name label.
    [Test]
    public async Task Namespace_Create_SetsFinalizerPhaseAndNameLabel()
    {
        var ns = await NamespaceAsync();
        var read = await Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Multiple(() =>
        {
            Assert.That(read.Spec.Finalizers, Is.EqualTo(new[] { "kubernetes" }));
            Assert.That(read.Status.Phase, Is.EqualTo("Active"));
            Assert.That(read.Metadata.Labels["kubernetes.io/metadata.name"], Is.EqualTo(ns));
        });
    }

    // A2: generateName appends five random characters.
    [Test]
    public async Task Create_WithGenerateName_AppendsFiveCharacters()
    {
        var ns = await NamespaceAsync();
        var created = await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);
        Assert.That(created.Metadata.Name, Does.Match("^gen-[a-z0-9]{5}$"));
    }

    // A1, A2: events.k8s.io/v1 serves the same objects as core/v1 Events.
    [Test]
    public async Task Events_CoreAndEventsV1_ShareStorage()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "e" },
            InvolvedObject = new V1ObjectReference { Kind = "Secret", Name = "s", NamespaceProperty = ns },
            Message = "hello",
            Reason = "Test",
        }, ns);
        var v1 = await Client.EventsV1.ReadNamespacedEventAsync("e", ns);
        Assert.Multiple(() =>
        {
            Assert.That(v1.Note, Is.EqualTo("hello"));
            Assert.That(v1.Regarding.Name, Is.EqualTo("s"));
            Assert.That(v1.ApiVersion, Is.EqualTo("events.k8s.io/v1"));
        });
    }

    // events.k8s.io/v1 requires eventTime, reportingController, reportingInstance, action and reason (422 otherwise).
    [Test]
    public async Task EventsV1_MissingRequiredFields_Is422()
    {
        var ns = await NamespaceAsync();
        var status = await ApiAssert.FailsAsync(() => Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event { Metadata = new V1ObjectMeta { Name = "e" }, Type = "Normal", Note = "x" }, ns), 422, "Invalid");
        Assert.That(status.Message, Is.EqualTo("Event.events.k8s.io \"e\" is invalid: [eventTime: Required value, reportingController: Required value, reportingInstance: Required value, action: Required value, reason: Required value]"));
        var created = await Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "e" },
            EventTime = new DateTime(2026, 1, 1, 0, 0, 0, 250, DateTimeKind.Utc),
            ReportingController = "example.com/controller",
            ReportingInstance = "pod-1",
            Action = "Reconcile",
            Reason = "Synced",
            Type = "Normal",
            Note = "all good",
        }, ns);
        Assert.That(created.ReportingController, Is.EqualTo("example.com/controller"));
    }
}
