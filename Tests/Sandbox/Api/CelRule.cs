using System.Text.RegularExpressions;
using Cel;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// One compiled x-kubernetes-validations rule. Compilation happens when the CRD is written, so a rule the sandbox
/// cannot evaluate fails the CRD create/update loudly instead of being skipped (apiextensions compiles every rule
/// at CRD validation too). Evaluation uses the Cel package (a CEL-spec implementation).
/// </summary>
public sealed partial class CelRule
{
    // Global functions and macros of the CEL standard library that the Cel package implements and Kubernetes offers.
    // Kubernetes' own libraries (quantity, url, ip, cidr, format, ...) are absent: a rule calling them is refused.
    private static readonly HashSet<string> SupportedGlobals =
        ["has", "size", "int", "uint", "double", "string", "bytes", "duration", "timestamp", "type", "dyn", "matches"];

    // Receiver-style functions and macros the Cel package implements (it reports the others only when evaluating).
    private static readonly HashSet<string> SupportedMembers =
    [
        "all", "exists", "exists_one", "map", "filter", "contains", "startsWith", "endsWith", "matches", "size",
        "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear", "getFullYear", "getHours", "getMilliseconds",
        "getMinutes", "getMonth", "getSeconds",
    ];

    private static readonly CelEnvironment Environment = new(null, null);

    private readonly Func<Dictionary<string, object?>, object?> _program;

    private CelRule(string expression, Func<Dictionary<string, object?>, object?> program, bool usesOldSelf)
    {
        Expression = expression;
        _program = program;
        UsesOldSelf = usesOldSelf;
    }

    public string Expression { get; }

    /// <summary>A transition rule: evaluated only on updates that have an old value to compare with.</summary>
    public bool UsesOldSelf { get; }

    /// <summary>Compiles a rule, or explains why the sandbox cannot evaluate it.</summary>
    public static CelRule Compile(string expression)
    {
        var code = StringLiteral().Replace(expression, "''");
        foreach (Match call in GlobalCall().Matches(code))
        {
            var name = call.Groups[1].Value;
            if (!SupportedGlobals.Contains(name))
            {
                throw new CelCompileException($"undeclared reference to '{name}' (the sandbox's CEL has no such function)");
            }
        }
        foreach (Match call in MemberCall().Matches(code))
        {
            var name = call.Groups[1].Value;
            if (!SupportedMembers.Contains(name))
            {
                throw new CelCompileException($"undeclared reference to '{name}' (the sandbox's CEL has no such function)");
            }
        }
        try
        {
            var program = Environment.Compile(expression);
            return new CelRule(expression, variables => program.Invoke(variables), OldSelf().IsMatch(expression));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CelCompileException(e.Message);
        }
    }

    /// <summary>The rule's value for <paramref name="self"/> (and <paramref name="oldSelf"/> for transition rules).</summary>
    public object? Evaluate(object? self, object? oldSelf)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = self };
        if (UsesOldSelf)
        {
            variables["oldSelf"] = oldSelf;
        }
        var result = _program(variables);
        // The Cel package returns a marker instead of failing for a missing field: CEL's "no such key" error.
        if (result is not null && result.GetType().Name == "CelNoSuchField")
        {
            throw new CelEvaluationException("no such key");
        }
        return result;
    }

    [GeneratedRegex(@"(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex GlobalCall();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'|""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex MemberCall();

    [GeneratedRegex(@"\boldSelf\b")]
    private static partial Regex OldSelf();
}

/// <summary>A rule that cannot be compiled (or that uses CEL the sandbox cannot evaluate).</summary>
public sealed class CelCompileException(string message) : Exception(message)
{
    public CelCompileException()
        : this("compilation failed")
    {
    }

    public CelCompileException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>A rule whose evaluation failed (CEL runtime error).</summary>
public sealed class CelEvaluationException(string message) : Exception(message)
{
    public CelEvaluationException()
        : this("evaluation failed")
    {
    }

    public CelEvaluationException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}
