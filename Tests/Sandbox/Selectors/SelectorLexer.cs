using System.Text;

namespace KamajiKubeconfig.Sandbox.Selectors;

/// <summary>The tokens of apimachinery's label selector lexer.</summary>
internal sealed class SelectorLexer(string input)
{
    private int _position;
    private (Token, string)? _pushedBack;

    public enum Token
    {
        End,
        Identifier,
        Comma,
        Equals,
        DoubleEquals,
        NotEquals,
        Not,
        In,
        NotIn,
        OpenParen,
        CloseParen,
        GreaterThan,
        LessThan,
        Error,
    }

    public (Token Kind, string Literal) Peek()
    {
        var next = Next();
        _pushedBack = next;
        return next;
    }

    public void PushBack(Token token, string literal) => _pushedBack = (token, literal);

    public (Token Kind, string Literal) Next()
    {
        if (_pushedBack is { } back)
        {
            _pushedBack = null;
            return back;
        }
        while (_position < input.Length && char.IsWhiteSpace(input[_position]))
        {
            _position++;
        }
        if (_position >= input.Length)
        {
            return (Token.End, "");
        }
        var c = input[_position];
        switch (c)
        {
            case ',':
                _position++;
                return (Token.Comma, ",");
            case '(':
                _position++;
                return (Token.OpenParen, "(");
            case ')':
                _position++;
                return (Token.CloseParen, ")");
            case '>':
                _position++;
                return (Token.GreaterThan, ">");
            case '<':
                _position++;
                return (Token.LessThan, "<");
            case '=':
                _position++;
                if (_position < input.Length && input[_position] == '=')
                {
                    _position++;
                    return (Token.DoubleEquals, "==");
                }
                return (Token.Equals, "=");
            case '!':
                _position++;
                if (_position < input.Length && input[_position] == '=')
                {
                    _position++;
                    return (Token.NotEquals, "!=");
                }
                return (Token.Not, "!");
        }
        var builder = new StringBuilder();
        while (_position < input.Length && !IsSpecial(input[_position]) && !char.IsWhiteSpace(input[_position]))
        {
            builder.Append(input[_position++]);
        }
        var word = builder.ToString();
        return word switch
        {
            "in" => (Token.In, word),
            "notin" => (Token.NotIn, word),
            "" => (Token.Error, input[_position++].ToString()),
            _ => (Token.Identifier, word),
        };
    }

    private static bool IsSpecial(char c) => c is ',' or '(' or ')' or '=' or '!' or '<' or '>';
}
