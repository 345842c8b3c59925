using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Patch;

/// <summary>RFC 6902 JSON patch; a failing operation is 422 with the generic message kube-apiserver sends (A9).</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        var root = new JsonObject { ["root"] = document.DeepClone() };
        foreach (var op in operations.OfType<JsonObject>())
        {
            var kind = op["op"]?.GetValue<string>() ?? "";
            var path = op["path"]?.GetValue<string>() ?? throw Fail("missing path");
            switch (kind)
            {
                case "add":
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Get(root, From(op));
                    Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw Fail($"testing value {path} failed: test failed");
                    }
                    break;
                default:
                    throw Fail($"Unexpected kind: {kind}");
            }
        }
        return root["root"]!;
    }

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw Fail("missing from");

    /// <summary>
    /// kube-apiserver answers any failed operation (a failed test, a missing path) with NewGenericServerResponse(422):
    /// the generic text and empty details, the library's own message dropped (apiserver handlers/patch.go).
    /// </summary>
    private static ApiException Fail(string why)
    {
        _ = why;
        return new(StatusFactory.Failure(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject()));
    }

    private static (JsonNode Parent, string Last) Parent(JsonObject root, string path)
    {
        var tokens = ("/root" + path).Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        JsonNode? node = root;
        foreach (var token in tokens.Take(tokens.Count - 1))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                throw Fail($"doc is missing path: \"{path}\": missing value");
            }
        }
        return (node!, tokens[^1]);
    }

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, last) = Parent(root, path);
        return parent switch
        {
            JsonObject o when o.ContainsKey(last) => o[last],
            JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
            _ => throw Fail($"doc is missing path: \"{path}\": missing value"),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Fail($"doc is missing path: \"{path}\": missing value");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Fail($"doc is missing path: \"{path}\": missing value");
        }
    }
}
