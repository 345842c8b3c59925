using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// YAML to JSON nodes from the parser's event stream with an explicit stack, so hostile documents (100,000 nested
/// sequences, alias bombs) are refused instead of overflowing the harness's own stack: the harness reads the same
/// Secrets the controller is attacked with.
/// </summary>
public static class YamlDocuments
{
    public const int MaxDepth = 64;
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>Every document, or null with <paramref name="error"/> when the text is not plain, bounded YAML.</summary>
    public static List<JsonNode?>? TryParseAll(string text, out string? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = $"longer than {MaxLength} characters";
            return null;
        }
        try
        {
            return ParseAll(text, out error);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws InvalidOperationException on some binary input: unreadable either way.
            error = e.Message;
            return null;
        }
    }

    /// <summary>The first document as an object, or null.</summary>
    public static JsonObject? TryParseObject(string text, out string? error)
    {
        var all = TryParseAll(text, out error);
        if (all is null)
        {
            return null;
        }
        if (all.Count == 0 || all[0] is not JsonObject first)
        {
            error ??= "not a YAML mapping";
            return null;
        }
        return first;
    }

    private static List<JsonNode?>? ParseAll(string text, out string? error)
    {
        error = null;
        var documents = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<(JsonNode Container, string? PendingKey)>();
        JsonNode? root = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    root = null;
                    stack.Clear();
                    break;
                case DocumentEnd:
                    documents.Add(root);
                    break;
                case AnchorAlias:
                    error = "YAML aliases are not accepted";
                    return null;
                case MappingStart or SequenceStart:
                    if (stack.Count >= MaxDepth)
                    {
                        error = $"nested deeper than {MaxDepth} levels";
                        return null;
                    }
                    JsonNode container = parser.Current is MappingStart ? new JsonObject() : new JsonArray();
                    if (!Attach(stack, container, ref root, out error))
                    {
                        return null;
                    }
                    stack.Push((container, null));
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    break;
                case Scalar scalar:
                    if (stack.Count > 0 && stack.Peek() is { Container: JsonObject map, PendingKey: null })
                    {
                        stack.Pop();
                        stack.Push((map, scalar.Value));
                        break;
                    }
                    if (!Attach(stack, Value(scalar), ref root, out error))
                    {
                        return null;
                    }
                    break;
            }
        }
        return documents;
    }

    private static bool Attach(Stack<(JsonNode Container, string? PendingKey)> stack, JsonNode? node, ref JsonNode? root, out string? error)
    {
        error = null;
        if (stack.Count == 0)
        {
            root = node;
            return true;
        }
        var (container, key) = stack.Pop();
        if (container is JsonArray array)
        {
            array.Add(node);
            stack.Push((array, null));
            return true;
        }
        var map = (JsonObject)container;
        if (key is null || map.ContainsKey(key))
        {
            error = key is null ? "a mapping key that is not a scalar" : $"duplicate key {key}";
            return false;
        }
        map[key] = node;
        stack.Push((map, null));
        return true;
    }

    private static JsonValue? Value(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(scalar.Value);
        }
        return scalar.Value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            var v when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            var v => JsonValue.Create(v),
        };
    }
}
