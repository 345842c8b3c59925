using System.Globalization;
using KamajiKubeconfig.Sandbox.Api;

namespace KamajiKubeconfig.Sandbox.Selectors;

/// <summary>apimachinery's label selector grammar (A5): =, ==, !=, in, notin, exists, !exists, gt, lt; AND-ed.</summary>
public sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r.Matches(labels));

    private enum Op
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan,
    }

    private sealed record Requirement(string Key, Op Operator, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var has = labels.TryGetValue(Key, out var value);
            return Operator switch
            {
                Op.Equals or Op.In => has && Values.Contains(value!),
                Op.NotEquals or Op.NotIn => !has || !Values.Contains(value!),
                Op.Exists => has,
                Op.DoesNotExist => !has,
                Op.GreaterThan => has && long.TryParse(value, out var g) && g > long.Parse(Values[0], CultureInfo.InvariantCulture),
                Op.LessThan => has && long.TryParse(value, out var l) && l < long.Parse(Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }

    /// <summary>Parses a selector; throws 400 BadRequest with apimachinery's messages.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var lexer = new SelectorLexer(text);
        var requirements = new List<Requirement>();
        while (true)
        {
            requirements.Add(ParseRequirement(lexer));
            var (token, literal) = lexer.Next();
            if (token == SelectorLexer.Token.End)
            {
                return new LabelSelector(requirements);
            }
            if (token != SelectorLexer.Token.Comma)
            {
                throw Bad($"found '{literal}', expected: ',' or 'end of string'");
            }
        }
    }

    private static Requirement ParseRequirement(SelectorLexer lexer)
    {
        var (token, literal) = lexer.Next();
        if (token == SelectorLexer.Token.Not)
        {
            var (keyToken, key) = lexer.Next();
            if (keyToken != SelectorLexer.Token.Identifier)
            {
                throw Bad($"found '{key}', expected: identifier");
            }
            return Validated(new Requirement(key, Op.DoesNotExist, []));
        }
        if (token != SelectorLexer.Token.Identifier)
        {
            throw Bad($"found '{literal}', expected: !, identifier, or 'end of string'");
        }
        var name = literal;
        var (opToken, opLiteral) = lexer.Peek();
        if (opToken is SelectorLexer.Token.Comma or SelectorLexer.Token.End)
        {
            return Validated(new Requirement(name, Op.Exists, []));
        }
        lexer.Next();
        Op op = opToken switch
        {
            SelectorLexer.Token.Equals or SelectorLexer.Token.DoubleEquals => Op.Equals,
            SelectorLexer.Token.NotEquals => Op.NotEquals,
            SelectorLexer.Token.In => Op.In,
            SelectorLexer.Token.NotIn => Op.NotIn,
            SelectorLexer.Token.GreaterThan => Op.GreaterThan,
            SelectorLexer.Token.LessThan => Op.LessThan,
            _ => throw Bad($"found '{opLiteral}', expected: =, !=, ==, in, notin"),
        };
        if (op is Op.In or Op.NotIn)
        {
            return Validated(new Requirement(name, op, ParseSet(lexer)));
        }
        var (valueToken, value) = lexer.Next();
        if (valueToken == SelectorLexer.Token.End || valueToken == SelectorLexer.Token.Comma)
        {
            lexer.PushBack(valueToken, value);
            value = "";
        }
        else if (valueToken != SelectorLexer.Token.Identifier)
        {
            throw Bad($"found '{value}', expected: identifier");
        }
        return Validated(new Requirement(name, op, [value]));
    }

    private static List<string> ParseSet(SelectorLexer lexer)
    {
        var (open, openLiteral) = lexer.Next();
        if (open != SelectorLexer.Token.OpenParen)
        {
            throw Bad($"found '{openLiteral}', expected: '('");
        }
        var values = new List<string>();
        while (true)
        {
            var (token, literal) = lexer.Next();
            switch (token)
            {
                case SelectorLexer.Token.Identifier:
                    values.Add(literal);
                    break;
                case SelectorLexer.Token.Comma:
                    continue;
                case SelectorLexer.Token.CloseParen:
                    return values;
                default:
                    throw Bad($"found '{literal}', expected: ',', ')' or identifier");
            }
        }
    }

    private static Requirement Validated(Requirement requirement)
    {
        var keyProblem = NameValidation.QualifiedNameProblems(requirement.Key).FirstOrDefault();
        if (keyProblem is not null)
        {
            throw Bad($"unable to parse requirement: key: Invalid value: \"{requirement.Key}\": {keyProblem}");
        }
        if (requirement.Operator is Op.In or Op.NotIn && requirement.Values.Count == 0)
        {
            throw Bad("unable to parse requirement: values: Required value: for 'in', 'notin' operators, values set can't be empty");
        }
        if (requirement.Operator is Op.GreaterThan or Op.LessThan)
        {
            if (!long.TryParse(requirement.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw Bad($"unable to parse requirement: values[0]: Invalid value: \"{requirement.Values[0]}\": for 'Gt', 'Lt' operators, the value must be an integer");
            }
            return requirement;
        }
        for (var i = 0; i < requirement.Values.Count; i++)
        {
            if (!NameValidation.IsLabelValue(requirement.Values[i]))
            {
                throw Bad($"unable to parse requirement: values[{i}][{requirement.Key}]: Invalid value: \"{requirement.Values[i]}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
            }
        }
        return requirement;
    }

    private static ApiException Bad(string message) => StatusFactory.BadRequest(message);
}
