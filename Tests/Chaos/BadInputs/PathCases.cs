using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// <c>fromDefinition</c> paths that are odd, missing, very long, or point at maps, lists, null or empty strings: a
/// status error for the tenant, whose message quotes the path and the kind of value, never the map itself (issue 15).
/// </summary>
public static class PathCases
{
    private const string Marker = "leakme-7f3a";

    public static IEnumerable<BadInputCase> All() =>
    [
        Path("path-missing-field", "metadata.nonexistent"),
        Path("path-to-label-map", "metadata.labels", NoMapContents),
        Path("path-to-metadata-map", "metadata", NoMapContents),
        Path("path-to-list", "spec.list"),
        Path("path-to-null", "spec.nothing"),
        Path("path-to-empty-string", "spec.empty"),
        Path("path-double-dot", "metadata..name"),
        Path("path-unterminated-bracket", "metadata.labels['unterminated"),
        Path("path-negative-index", "spec.list[-1]"),
        Path("path-huge-index", "spec.list[99999999999999999999]"),
        Path("path-64KiB", string.Concat(Enumerable.Repeat("a.", 32 * 1024)) + "b"),
        Path("path-5000-brackets", "spec" + string.Concat(Enumerable.Repeat("['a']", 5000))),
    ];

    /// <summary>The TCP every path case reads: labels and annotations with a marker, and a spec with a list, a null and an empty string.</summary>
    private static JsonObject Spec() => new()
    {
        ["kubernetes"] = new JsonObject { ["version"] = "v1.32.0" },
        ["networkProfile"] = new JsonObject { ["port"] = 6443 },
        ["list"] = new JsonArray("a", "b"),
        ["nothing"] = null,
        ["empty"] = "",
    };

    private static BadInputCase Path(string name, string path, Func<CaseContext, string, string?>? check = null) => new()
    {
        Name = name,
        Source = check is null ? "10 fromDefinition" : "15 fromDefinition map",
        CheckMessage = check,
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync(labels: new JsonObject { ["tier"] = Marker }, annotations: new JsonObject { ["note"] = Marker }, spec: Spec());
            c.Resource = c.Tenant();
            c.Outcome("tcp", PairOutcome.Error);
            await c.GeneratorAsync(c.GeneratorBody(new JsonObject { ["fromDefinition"] = path }));
        },
    };

    private static string? NoMapContents(CaseContext c, string message) =>
        message.Contains(Marker, StringComparison.Ordinal) || message.Contains("\"uid\"", StringComparison.Ordinal) || message.Contains("uid:", StringComparison.Ordinal)
            ? "copies the map's contents (labels, annotations or uid) instead of naming the path and the kind of value"
            : null;
}
