using System.Globalization;
using System.Text;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The pieces of the Prometheus text exposition format 0.0.4 that need care: escaping and number formatting.
/// Numbers are written as Go's client writes them (<c>strconv.FormatFloat(f, 'g', -1, 64)</c>), so that
/// <c>le</c> labels such as <c>1e-08</c> match what existing dashboards and recording rules were written against.
/// </summary>
internal static class TextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>HELP text escapes only the backslash and the line feed.</summary>
    public static void AppendHelp(StringBuilder output, string help) => AppendEscaped(output, help, escapeQuote: false);

    /// <summary>Label values also escape the double quote that ends them.</summary>
    public static void AppendLabelValue(StringBuilder output, string value) => AppendEscaped(output, value, escapeQuote: true);

    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // .NET's "R" is the shortest round-trip form as well; only the layout differs from Go's.
        var (negative, digits, point) = Decompose(value.ToString("R", CultureInfo.InvariantCulture));
        var exponent = point - 1;
        var text = exponent < -4 || exponent >= 6 ? Scientific(digits, exponent) : Positional(digits, point);
        return negative ? "-" + text : text;
    }

    private static void AppendEscaped(StringBuilder output, string text, bool escapeQuote)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                '"' when escapeQuote => output.Append("\\\""),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>
    /// Splits "-1.25E-08" into its sign, significant digits ("125") and the position of the decimal point
    /// relative to them (value = 0.digits × 10^point, Go's <c>decimalSlice.dp</c>).
    /// </summary>
    private static (bool Negative, string Digits, int Point) Decompose(string roundTrip)
    {
        var negative = roundTrip.StartsWith('-');
        var unsigned = negative ? roundTrip[1..] : roundTrip;
        var e = unsigned.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? unsigned : unsigned[..e];
        var power = e < 0 ? 0 : int.Parse(unsigned[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var all = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var significant = all.TrimStart('0');
        var point = integerDigits + power - (all.Length - significant.Length);
        return (negative, significant.TrimEnd('0'), point);
    }

    private static string Scientific(string digits, int exponent)
    {
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        var sign = exponent < 0 ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{sign}{Math.Abs(exponent):00}");
    }

    private static string Positional(string digits, int point) =>
        point <= 0 ? "0." + new string('0', -point) + digits
        : point >= digits.Length ? digits + new string('0', point - digits.Length)
        : digits[..point] + "." + digits[point..];
}
