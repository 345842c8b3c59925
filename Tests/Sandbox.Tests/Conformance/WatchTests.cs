using System.Diagnostics;
using k8s;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests.Conformance;

/// <summary>WATCH with the C# client: first line, bookmarks, 410 via onError, transitions, timeouts (A6, B5, B15).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class WatchTests : SharedSandboxTests<WatchTests>
{
    private static Task<string> NamespaceAsync() => NamespaceAsync("watch");

    private static V1Secret Secret(string name, string? app = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = app is null ? null : new Dictionary<string, string> { ["app"] = app } } };

    // B5/B15-1: with bookmarks allowed, an empty watch from a list RV gets a first line at once, so the call returns.
    [Test]
    public async Task Watch_FromListRv_WithBookmarks_GetsFirstLinePromptly()
    {
        var ns = await NamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await foreach (var (type, secret) in Client.CoreV1.WatchListNamespacedSecretAsync(ns, allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            Assert.Multiple(() =>
            {
                Assert.That(type, Is.EqualTo(WatchEventType.Bookmark));
                Assert.That(secret.Metadata.ResourceVersion, Is.Not.Empty);
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            });
            break;
        }
    }

    // A6: a watch without RV sends synthetic ADDED events, then the initial-events-end bookmark (1.32 WatchList defaulting).
    [Test]
    public async Task Watch_WithoutRv_SendsInitialAddedThenInitialEventsEndBookmark()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("a"), ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("b"), ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<(WatchEventType, V1Secret)>();
        await foreach (var e in Client.CoreV1.WatchListNamespacedSecretAsync(ns, allowWatchBookmarks: true, cancellationToken: cts.Token))
        {
            seen.Add(e);
            if (e.Item1 == WatchEventType.Bookmark)
            {
                break;
            }
        }
        Assert.Multiple(() =>
        {
            Assert.That(seen.Select(e => e.Item1), Is.EqualTo(new[] { WatchEventType.Added, WatchEventType.Added, WatchEventType.Bookmark }));
            Assert.That(seen[2].Item2.Metadata.Annotations["k8s.io/initial-events-end"], Is.EqualTo("true"));
        });
    }

    // A6, B15-2: an expired RV gives HTTP 200 and one ERROR event, which the C# client hands to onError only.
    [Test]
    public async Task Watch_ExpiredRv_Sends410ErrorEvent_ToOnErrorOnly()
    {
        await using var server = await SandboxFixture.StartAsync(new SandboxOptions { HistoryCapacity = 2 });
        using var client = SandboxFixture.Client(server);
        var list = await client.CoreV1.ListNamespaceAsync();
        for (var i = 0; i < 4; i++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = $"n{i}" } });
        }
        Exception? error = null;
        var items = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var _ in client.CoreV1.WatchListNamespaceAsync(resourceVersion: list.Metadata.ResourceVersion, onError: e => error = e, cancellationToken: cts.Token))
        {
            items++;
        }
        var status = ((KubernetesException)error!).Status;
        Assert.Multiple(() =>
        {
            Assert.That(items, Is.Zero);
            Assert.That(status.Code, Is.EqualTo(410));
            Assert.That(status.Reason, Is.EqualTo("Expired"));
            Assert.That(status.Message, Does.StartWith($"too old resource version: {list.Metadata.ResourceVersion} ("));
        });
    }

    // A6: label changes move objects in and out of a selector: ADDED when it starts matching, DELETED when it stops.
    [Test]
    public async Task Watch_SelectorTransitions_AreAddedAndDeleted()
    {
        var ns = await NamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, string?)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, secret) in Client.CoreV1.WatchListNamespacedSecretAsync(ns, labelSelector: "app=x", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                if (type != WatchEventType.Bookmark)
                {
                    events.Add((type, (secret.Metadata.Labels is { } l && l.TryGetValue("app", out var app) ? app : null)));
                }
                if (events.Count == 3)
                {
                    return;
                }
            }
        });
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("s", "y"), ns);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"app":"x"}}}""", V1Patch.PatchType.MergePatch), "s", ns);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"annotations":{"n":"1"}}}""", V1Patch.PatchType.MergePatch), "s", ns);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"app":"z"}}}""", V1Patch.PatchType.MergePatch), "s", ns);
        await watching.WaitAsync(cts.Token);
        Assert.That(events, Is.EqualTo(new[] { (WatchEventType.Added, (string?)"x"), (WatchEventType.Modified, "x"), (WatchEventType.Deleted, "x") }));
    }

    // A6, B13-2: timeoutSeconds ends the stream cleanly; an empty watch without bookmarks then throws on the C# side.
    [Test]
    public async Task Watch_TimeoutSeconds_EndsStream()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("a"), ns);
        var clock = Stopwatch.StartNew();
        var count = 0;
        await foreach (var _ in Client.CoreV1.WatchListNamespacedSecretAsync(ns, timeoutSeconds: 1))
        {
            count++;
        }
        Assert.Multiple(() =>
        {
            Assert.That(count, Is.EqualTo(1));
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromMilliseconds(900)).And.LessThan(TimeSpan.FromSeconds(5)));
        });
        var list = await Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: list.Metadata.ResourceVersion, timeoutSeconds: 1))
            {
            }
        });
    }

    // A7/A6: deleting an object with finalizers is MODIFIED (deletionTimestamp); removing the last finalizer is DELETED.
    [Test]
    public async Task Watch_DeleteWithFinalizer_IsModifiedThenDeleted()
    {
        var ns = await NamespaceAsync();
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<(WatchEventType, bool)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, cm) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, cancellationToken: cts.Token))
            {
                if (type != WatchEventType.Bookmark)
                {
                    events.Add((type, cm.Metadata.DeletionTimestamp is not null));
                }
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", Finalizers = ["example.com/hold"] } }, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("c", ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "c", ns);
        await watching.WaitAsync(cts.Token);
        Assert.That(events, Is.EqualTo(new[] { (WatchEventType.Added, false), (WatchEventType.Modified, true), (WatchEventType.Deleted, true) }));
    }

    // Fault injection: closing all watches ends enumerations cleanly.
    [Test]
    public async Task Watch_CloseAllWatches_EndsEnumeration()
    {
        await using var server = await SandboxFixture.StartAsync();
        using var client = SandboxFixture.Client(server);
        var list = await client.CoreV1.ListNamespaceAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var firstLine = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespaceAsync(resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, cancellationToken: cts.Token))
            {
                firstLine.TrySetResult();
            }
        });
        await firstLine.Task.WaitAsync(cts.Token);
        server.Context.Store.CloseAllWatches();
        await watching.WaitAsync(cts.Token);
        Assert.That(watching.IsCompletedSuccessfully, Is.True);
    }

    // A6/B14-4: with bookmarks allowed, BOOKMARK events keep coming at the bookmark interval on a quiet watch.
    [Test]
    public async Task Watch_QuietWatch_GetsPeriodicBookmarks()
    {
        await using var server = await SandboxFixture.StartAsync(new SandboxOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        using var client = SandboxFixture.Client(server);
        var list = await client.CoreV1.ListNamespacedSecretAsync("default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bookmarks = 0;
        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedSecretAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            Assert.That(type, Is.EqualTo(WatchEventType.Bookmark));
            if (++bookmarks == 3)
            {
                break;
            }
        }
        Assert.That(bookmarks, Is.EqualTo(3));
    }

    // A6: sendInitialEvents needs resourceVersionMatch=NotOlderThan (422 otherwise, before the watch starts).
    [Test]
    public async Task Watch_SendInitialEventsWithoutMatch_Is422()
    {
        var status = await ApiAssert.FailsAsync(async () =>
        {
            await foreach (var _ in Client.CoreV1.WatchListNamespacedSecretAsync("default", sendInitialEvents: true))
            {
            }
        }, 422, "Invalid");
        Assert.That(status.Message, Does.Contain("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
    }

    // B5: a typed custom-resource watch through the legacy WatchAsync extension sees ADDED and MODIFIED (status).
    [Test]
    public async Task Watch_CustomResources_WithLegacyWatchExtension()
    {
        var ns = await NamespaceAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets");
        var rv = System.Text.Json.JsonSerializer.SerializeToNode(list)!["metadata"]!["resourceVersion"]!.GetValue<string>();
#pragma warning disable CS0618 // B5: the obsolete extension is still the way to watch typed CRs with parameters.
        var response = Client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync("example.com", "v1", ns, "widgets", watch: true, resourceVersion: rv, allowWatchBookmarks: true, cancellationToken: cts.Token);
        var events = new List<WatchEventType>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, _) in response.WatchAsync<System.Text.Json.JsonElement, object>(cancellationToken: cts.Token))
            {
                if (type != WatchEventType.Bookmark)
                {
                    events.Add(type);
                }
                if (events.Count == 2)
                {
                    return;
                }
            }
        });
#pragma warning restore CS0618
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")!, "example.com", "v1", ns, "widgets");
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":{"phase":"Ready"}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", ns, "widgets", "w");
        await watching.WaitAsync(cts.Token);
        Assert.That(events, Is.EqualTo(new[] { WatchEventType.Added, WatchEventType.Modified }));
    }
}
