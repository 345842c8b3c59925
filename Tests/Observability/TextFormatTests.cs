using System.Text;
using KamajiKubeconfig.Controller.Observability;

namespace KamajiKubeconfig.Tests.Observability;

/// <summary>Numbers as Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c> writes them, and the format's escaping rules.</summary>
public class TextFormatTests
{
    [TestCase(0d, "0")]
    [TestCase(1d, "1")]
    [TestCase(-1d, "-1")]
    [TestCase(42d, "42")]
    [TestCase(0.005, "0.005")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1e-8, "1e-08")]
    [TestCase(1.5e-8, "1.5e-08")]
    [TestCase(123456d, "123456")]
    [TestCase(1e6, "1e+06")]
    [TestCase(1234567d, "1.234567e+06")]
    [TestCase(1.7e9, "1.7e+09")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(1e21, "1e+21")]
    [TestCase(1e-300, "1e-300")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(double.PositiveInfinity, "+Inf")]
    [TestCase(double.NegativeInfinity, "-Inf")]
    [TestCase(double.NaN, "NaN")]
    public void FormatFloat_AsGoWritesIt(double value, string expected)
    {
        Assert.That(TextFormat.FormatFloat(value), Is.EqualTo(expected));
    }

    [Test]
    public void AppendLabelValue_EscapesBackslashQuoteAndNewline()
    {
        var output = new StringBuilder();

        TextFormat.AppendLabelValue(output, "a\\b\"c\nd\te");

        Assert.That(output.ToString(), Is.EqualTo("a\\\\b\\\"c\\nd\te"));
    }

    [Test]
    public void AppendHelp_EscapesBackslashAndNewlineButNotQuotes()
    {
        var output = new StringBuilder();

        TextFormat.AppendHelp(output, "say \"hi\"\\\nbye");

        Assert.That(output.ToString(), Is.EqualTo("say \"hi\"\\\\\\nbye"));
    }

    [Test]
    public void ContentType_IsTextFormatVersion004()
    {
        Assert.That(TextFormat.ContentType, Is.EqualTo("text/plain; version=0.0.4; charset=utf-8"));
    }
}
