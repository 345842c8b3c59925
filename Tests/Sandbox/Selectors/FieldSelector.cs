using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Selectors;

/// <summary>Field selectors (A5): only =, == and !=, AND-ed, with \, \= and \\ escapes in values.</summary>
public sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public IEnumerable<(string Field, bool Equal, string Value)> Terms => _terms;

    /// <summary>The value required for a field by an equality term, if any (e.g. metadata.namespace).</summary>
    public string? RequiredValue(string field) => _terms.FirstOrDefault(t => t.Field == field && t.Equal).Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var part in SplitUnescaped(text, ','))
        {
            var (field, equal, value) = ParseTerm(part);
            var supported = type.Namespaced ? new[] { "metadata.name", "metadata.namespace" } : ["metadata.name"];
            if (!supported.Contains(field) && !type.ExtraFieldSelectors.Contains(field))
            {
                throw StatusFactory.BadRequest(type.UsesFieldLabelNotSupportedMessage
                    ? $"field label not supported: {field}"
                    : $"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }
            terms.Add((field == "name" ? "metadata.name" : field, equal, value));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => _terms.TrueForAll(t => (FieldValue(obj, t.Field) == t.Value) == t.Equal);

    private static string FieldValue(JsonObject obj, string field)
    {
        var node = obj.Get(field.Split('.'));
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    private static (string, bool, string) ParseTerm(string term)
    {
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var index = IndexOfUnescaped(term, op);
            if (index > 0)
            {
                return (term[..index].Trim(), op != "!=", Unescape(term[(index + op.Length)..]));
            }
        }
        throw StatusFactory.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static int IndexOfUnescaped(string text, string op)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }
            if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[++i]);
            }
            else if (text[i] == separator)
            {
                yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }
        yield return current.ToString();
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }
            builder.Append(value[i]);
        }
        return builder.ToString();
    }
}
