using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>One request from the sandbox's request log.</summary>
public sealed record RequestEntry(long Sequence, string User, string Verb, string Resource, string Subresource, string Namespace, string Name, int? Injected)
{
    public static RequestEntry From(JsonObject o) => new(
        o["sequence"]!.GetValue<long>(), S(o, "user"), S(o, "verb"), S(o, "resource"), S(o, "subresource"), S(o, "namespace"), S(o, "name"),
        o["injected"]?.GetValue<int>());

    private static string S(JsonObject o, string key) => o[key]?.GetValue<string>() ?? "";

    public string Kind => Subresource.Length > 0 ? $"{Resource}/{Subresource}" : Resource;
}
