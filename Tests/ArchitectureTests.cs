using System.Reflection;
using System.Text.RegularExpressions;
using KamajiKubeconfig.Reconcile;

namespace KamajiKubeconfig.Tests;

/// <summary>
/// docs/design.md: Reconcile/ is pure and references nothing of ours; Queue/ uses only the standard library and
/// the injected TimeProvider. Checked on signatures (reflection) and on the source text (calls).
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../.."));
    private static readonly Assembly App = typeof(Reconciler).Assembly;

    private static readonly string[] ImpureTypeNames =
    [
        "System.TimeProvider", "System.Random", "System.Security.Cryptography.RandomNumberGenerator", "System.Net.Http.HttpClient",
        "Microsoft.Extensions.Logging.ILogger", "k8s.IKubernetes", "System.IO.Stream", "System.Threading.Tasks.Task",
    ];

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Now|UtcNow|Today)|Environment\.TickCount|Stopwatch|new Random|Random\.Shared|RandomNumberGenerator|File\.|Directory\.|Console\.|HttpClient|ILogger|Thread\.Sleep|Task\.|async\s|await\s|TimeProvider)")]
    private static partial Regex ImpureCall();

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Now|UtcNow|Today)|Stopwatch|new Random|Random\.Shared|File\.|Directory\.|Console\.|HttpClient|ILogger|Thread\.Sleep|k8s\b)")]
    private static partial Regex QueueForbiddenCall();

    [GeneratedRegex(@"using\s+(KamajiKubeconfig\.[A-Za-z.]+|k8s[A-Za-z.]*|Microsoft\.Extensions\.Logging[A-Za-z.]*)\s*;")]
    private static partial Regex UsingDirective();

    private static IEnumerable<Type> TypesIn(string ns) => App.GetTypes().Where(t => t.Namespace == ns);

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetFields(all).Select(f => f.FieldType)
            .Concat(type.GetProperties(all).Select(p => p.PropertyType))
            .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .SelectMany(Flatten);
    }

    private static IEnumerable<Type> Flatten(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition())
        : type.HasElementType ? Flatten(type.GetElementType()!)
        : [type];

    [Test]
    public void Reconcile_Signatures_TakeNoClockRandomnessLoggingOrIo()
    {
        var offenders = TypesIn("KamajiKubeconfig.Reconcile")
            .SelectMany(t => SignatureTypes(t).Where(s => ImpureTypeNames.Any(n => s.FullName?.StartsWith(n, StringComparison.Ordinal) == true))
                .Select(s => $"{t.Name} uses {s.FullName}"))
            .Distinct().ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Reconcile_Signatures_ReferenceNoOtherFolder()
    {
        var offenders = TypesIn("KamajiKubeconfig.Reconcile")
            .SelectMany(t => SignatureTypes(t).Where(s => s.Namespace?.StartsWith("KamajiKubeconfig.", StringComparison.Ordinal) == true
                && s.Namespace != "KamajiKubeconfig.Reconcile" && s.Namespace != "KamajiKubeconfig.Reconcile.Values").Select(s => $"{t.Name} uses {s.FullName}"))
            .Distinct().ToList();

        Assert.That(offenders, Is.Empty);
    }

    [TestCase("Reconcile")]
    [TestCase("Queue")]
    public void Folder_Source_UsesNoOtherFolderNorKubernetesNorLogging(string folder)
    {
        var offenders = SourceFiles(folder)
            .SelectMany(f => UsingDirective().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Using: m.Groups[1].Value)))
            .Where(u => !u.Using.StartsWith($"KamajiKubeconfig.{folder}", StringComparison.Ordinal))
            .Select(u => $"{u.File}: using {u.Using}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Reconcile_Source_CallsNoClockRandomnessIoOrAsync()
    {
        var offenders = SourceFiles("Reconcile")
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && ImpureCall().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Queue_Source_ReadsTimeOnlyThroughTimeProvider()
    {
        var offenders = SourceFiles("Queue")
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && QueueForbiddenCall().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        var path = Path.Combine(Root, folder);
        return Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories) : [];
    }
}
