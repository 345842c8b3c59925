using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http.Handlers;

namespace KamajiKubeconfig.Sandbox;

/// <summary>`--bench`: loads 10,000 TenantControlPlanes and 30,000 Secrets in-process, then times lists over HTTPS.</summary>
public static class Benchmark
{
    private const string TcpCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: tenantcontrolplanes.kamaji.clastix.io}
        spec:
          group: kamaji.clastix.io
          scope: Namespaced
          names: {plural: tenantcontrolplanes, singular: tenantcontrolplane, kind: TenantControlPlane, shortNames: [tcp], categories: [kamaji]}
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources: {status: {}}
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """;

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken, int tcps = 10_000, int secrets = 30_000)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { HistoryCapacity = 1000 }, cancellationToken);
        var context = server.Context;
        var crdFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(crdFile, TcpCrd, cancellationToken);
        server.LoadManifests(crdFile);
        File.Delete(crdFile);
        var tcpType = context.Registry.Find("kamaji.clastix.io", "v1alpha1", "tenantcontrolplanes")!;
        var pipeline = new WritePipeline(context);
        var namespaces = Math.Max(1, tcps / 100);
        var loader = new ManifestLoader(context);
        for (var n = 0; n < namespaces; n++)
        {
            loader.Ensure(BuiltInTypes.Namespaces, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns(n) } });
        }
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var load = Stopwatch.StartNew();
        for (var i = 0; i < tcps; i++)
        {
            pipeline.Create(tcpType, Ns(i % namespaces), Tcp(i, Ns(i % namespaces)), "bench", dryRun: false);
        }
        var tcpSeconds = load.Elapsed.TotalSeconds;
        for (var i = 0; i < secrets; i++)
        {
            pipeline.Create(BuiltInTypes.Secrets, Ns(i % namespaces), Secret(i, Ns(i % namespaces)), "bench", dryRun: false);
        }
        var loadSeconds = load.Elapsed.TotalSeconds;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var inProcess = Stopwatch.StartNew();
        var (items, _) = context.Store.List(BuiltInTypes.Secrets.StorageKey, null);
        var listMs = inProcess.Elapsed.TotalMilliseconds;
        using (var sink = new MemoryStream())
        {
            var pipe = System.IO.Pipelines.PipeWriter.Create(sink);
            await ReadHandler.WriteListAsync(pipe, BuiltInTypes.Secrets, items, "1", null, null, cancellationToken);
            await pipe.CompleteAsync();
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-process: store list {listMs:F0} ms, serialise {inProcess.Elapsed.TotalMilliseconds - listMs:F0} ms"));
        using var http = Client(server);
        var tcpList = await TimeAsync(http, "/apis/kamaji.clastix.io/v1alpha1/tenantcontrolplanes", cancellationToken);
        var secretList = await TimeAsync(http, "/api/v1/secrets", cancellationToken);
        var secretListSecond = await TimeAsync(http, "/api/v1/secrets", cancellationToken);
        var selected = await TimeAsync(http, "/api/v1/secrets?labelSelector=bench%3Dodd", cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            load: {tcps} TCPs in {tcpSeconds:F2} s, + {secrets} Secrets in {loadSeconds - tcpSeconds:F2} s (total {loadSeconds:F2} s)
            managed heap growth: {(memoryAfter - memoryBefore) / 1024 / 1024} MiB
            list all TCPs:    {tcpList.Seconds * 1000:F0} ms, {tcpList.Bytes / 1024 / 1024} MiB
            list all Secrets: {secretList.Seconds * 1000:F0} ms (again: {secretListSecond.Seconds * 1000:F0} ms), {secretList.Bytes / 1024 / 1024} MiB
            list Secrets by label (half match): {selected.Seconds * 1000:F0} ms
            """));
        return 0;
    }

    private static string Ns(int n) => $"bench-{n:D3}";

    private static JsonObject Tcp(int i, string ns) => new()
    {
        ["apiVersion"] = "kamaji.clastix.io/v1alpha1",
        ["kind"] = "TenantControlPlane",
        ["metadata"] = new JsonObject { ["name"] = $"tcp-{i}", ["namespace"] = ns, ["labels"] = new JsonObject { ["tenant"] = $"t{i}" } },
        ["spec"] = new JsonObject
        {
            ["controlPlane"] = new JsonObject { ["deployment"] = new JsonObject { ["replicas"] = 2 } },
            ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
            ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        },
    };

    private static JsonObject Secret(int i, string ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = $"secret-{i}", ["namespace"] = ns, ["labels"] = new JsonObject { ["bench"] = i % 2 == 0 ? "even" : "odd" } },
        ["type"] = "Opaque",
        ["data"] = new JsonObject { ["value"] = Convert.ToBase64String(new byte[512]) },
    };

    private static HttpClient Client(SandboxServer server)
    {
        var ca = X509Certificate2.CreateFromPem(server.CaCertificatePem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 c && chain.Build(c);
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        return client;
    }

    private static async Task<(double Seconds, long Bytes)> TimeAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var bytes = await http.GetByteArrayAsync(path, cancellationToken);
        return (watch.Elapsed.TotalSeconds, bytes.LongLength);
    }
}
