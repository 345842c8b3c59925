using System.Globalization;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// A small subset of CEL for x-kubernetes-validations rules: `self`, field access, `has(self.f)`, `size(x)`,
/// `!`, `&amp;&amp;`, `||`, `==`, `!=`, `&lt;`, `&lt;=`, `&gt;`, `&gt;=`, `?:`, parentheses, and string, number, bool and null
/// literals. Rules outside the subset are not evaluated (treated as passing), so valid objects are never refused.
/// </summary>
public sealed class CelSubset
{
    private readonly List<string> _tokens;
    private readonly JsonNode? _self;
    private int _position;

    private CelSubset(string expression, JsonNode? self)
    {
        _tokens = Tokenize(expression);
        _self = self;
    }

    /// <summary>True or false when the rule could be evaluated, null when it uses CEL this subset does not know.</summary>
    public static bool? Evaluate(string rule, JsonNode? self)
    {
        try
        {
            var parser = new CelSubset(rule, self);
            var value = parser.Ternary();
            return parser._position == parser._tokens.Count && value is bool b ? b : null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private object? Ternary()
    {
        var condition = Or();
        if (Accept("?"))
        {
            var whenTrue = Ternary();
            Expect(":");
            var whenFalse = Ternary();
            return condition is true ? whenTrue : whenFalse;
        }
        return condition;
    }

    private object? Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = left is true || right is true;
        }
        return left;
    }

    private object? And()
    {
        var left = Comparison();
        while (Accept("&&"))
        {
            var right = Comparison();
            left = left is true && right is true;
        }
        return left;
    }

    private object? Comparison()
    {
        var left = Unary();
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (Accept(op))
            {
                var right = Unary();
                return op switch
                {
                    "==" => Equals(left, right),
                    "!=" => !Equals(left, right),
                    _ when left is double l && right is double r => op switch { "<" => l < r, "<=" => l <= r, ">" => l > r, _ => l >= r },
                    _ => throw new NotSupportedException(),
                };
            }
        }
        return left;
    }

    private object? Unary() => Accept("!") ? Unary() is not true : Primary();

    private object? Primary()
    {
        if (Accept("("))
        {
            var inner = Ternary();
            Expect(")");
            return inner;
        }
        var token = Next();
        if (token == "has")
        {
            Expect("(");
            var (found, _) = Path();
            Expect(")");
            return found;
        }
        if (token == "size")
        {
            Expect("(");
            var value = Ternary();
            Expect(")");
            return value switch
            {
                string s => (double)s.Length,
                JsonArray a => (double)a.Count,
                JsonObject o => (double)o.Count,
                _ => throw new NotSupportedException(),
            };
        }
        if (token == "self")
        {
            _position--;
            var (found, node) = Path();
            return found ? Value(node) : throw new NotSupportedException();
        }
        if (token.StartsWith('"') || token.StartsWith('\''))
        {
            return token[1..^1];
        }
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        return token switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            _ => throw new NotSupportedException(),
        };
    }

    private (bool Found, JsonNode? Node) Path()
    {
        if (Next() != "self")
        {
            throw new NotSupportedException();
        }
        var node = _self;
        var found = true;
        while (Accept("."))
        {
            var field = Next();
            if (node is JsonObject o && o.TryGetPropertyValue(field, out var child))
            {
                node = child;
            }
            else
            {
                found = false;
                node = null;
            }
        }
        return (found, node);
    }

    // Each arm is cast to object: otherwise C# picks JsonNode as the switch's type and converts scalars back into nodes.
    private static object? Value(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => (object)s,
        JsonValue v when v.TryGetValue<bool>(out var b) => (object)b,
        JsonValue v when double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => (object)d,
        _ => node,
    };

    private new static bool Equals(object? a, object? b) => a is JsonNode || b is JsonNode ? JsonNode.DeepEquals(a as JsonNode, b as JsonNode) : object.Equals(a, b);

    private bool Accept(string token)
    {
        if (_position < _tokens.Count && _tokens[_position] == token)
        {
            _position++;
            return true;
        }
        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new NotSupportedException();
        }
    }

    private string Next() => _position < _tokens.Count ? _tokens[_position++] : throw new NotSupportedException();

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new NotSupportedException();
                }
                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "&&" or "||" or "==" or "!=" or "<=" or ">=")
                {
                    tokens.Add(two);
                    i += 2;
                }
                else
                {
                    tokens.Add(c.ToString());
                    i++;
                }
            }
        }
        return tokens;
    }
}
