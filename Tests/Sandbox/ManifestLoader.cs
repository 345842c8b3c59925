using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Http;
using KamajiKubeconfig.Sandbox.Http.Handlers;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox;

/// <summary>Creates (or replaces) objects from YAML files or directories, as an administrator would with kubectl.</summary>
public sealed class ManifestLoader(SandboxContext context)
{
    private readonly WritePipeline _pipeline = new(context);

    /// <summary>Loads every *.yaml/*.yml/*.json under a path; returns how many objects were written.</summary>
    public int Load(string path)
    {
        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"no manifest file or directory at {path}");
        var count = 0;
        foreach (var file in files)
        {
            foreach (var document in YamlToJson.ParseAll(File.ReadAllText(file)).OfType<JsonObject>())
            {
                count += LoadObject(document);
            }
        }
        return count;
    }

    public int LoadObject(JsonObject obj)
    {
        if (obj.GetString("kind") is "List" && obj["items"] is JsonArray items)
        {
            return items.OfType<JsonObject>().Sum(i => LoadObject((JsonObject)i.DeepClone()));
        }
        var type = context.Registry.ByKind(obj.GetString("apiVersion") ?? "", obj.GetString("kind") ?? "")
            ?? throw new InvalidOperationException($"no served resource for {obj.GetString("apiVersion")}/{obj.GetString("kind")}");
        var ns = type.Namespaced ? obj.GetString("metadata", "namespace") ?? "default" : "";
        var name = obj.GetString("metadata", "name") ?? "";
        if (type.Namespaced)
        {
            // Manifests often assume their namespace exists; create it as `kubectl create ns` would.
            Ensure(BuiltInTypes.Namespaces, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
        var existing = context.Store.Get(type.StorageKey, ns, name);
        if (existing is not null)
        {
            context.Store.Delete(type.StorageKey, ns, name, existing.ResourceVersion);
        }
        _pipeline.Create(type, ns, ClientView.ToStorage(type, obj), "sandbox", dryRun: false);
        return 1;
    }

    /// <summary>Creates an object unless it exists (bootstrap objects such as the default namespaces).</summary>
    public void Ensure(ResourceType type, string ns, JsonObject obj)
    {
        if (context.Store.Get(type.StorageKey, ns, obj.GetString("metadata", "name") ?? "") is null)
        {
            try
            {
                _pipeline.Create(type, ns, ClientView.ToStorage(type, obj), "sandbox", dryRun: false);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Created concurrently.
            }
        }
    }

}
