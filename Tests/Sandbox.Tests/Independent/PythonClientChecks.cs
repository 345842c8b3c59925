using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Sandbox.Tests.Independent;

/// <summary>One NUnit case per @check of python/checks_*.py, named and described (with its citation) from the scripts.</summary>
[Parallelizable(ParallelScope.All)]
public sealed partial class PythonClientChecks
{
    public static IEnumerable<TestCaseData> Checks() =>
        Directory.EnumerateFiles(PythonClient.ScriptDirectory, "checks_*.py").Order(StringComparer.Ordinal)
            .SelectMany(file => CheckDeclaration().Matches(File.ReadAllText(file)))
            .Select(m => new TestCaseData(m.Groups[1].Value).SetName("Python_" + m.Groups[1].Value).SetDescription(Regex.Unescape(m.Groups[2].Value)));

    [TestCaseSource(nameof(Checks))]
    public async Task Check(string name)
    {
        var (ok, detail) = await PythonClient.ResultAsync(name);
        Assert.That(ok, Is.True, detail);
    }

    [GeneratedRegex("""@check\("(\w+)",\s*"((?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex CheckDeclaration();
}
