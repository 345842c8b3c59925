using System.Globalization;
using System.Text.Json;

namespace KamajiKubeconfig.Reconcile;

/// <summary>The certificate subject for one TCP: CN and sorted, de-duplicated O values.</summary>
public sealed record Identity(string User, EquatableList<string> Groups);

/// <summary>Resolves <c>user</c> and <c>groups</c> for one TCP, groups first as Kamaji does.</summary>
public static class IdentityResolver
{
    /// <summary>One user or group value longer than this is refused; it becomes a certificate attribute and a Kubernetes user name.</summary>
    public const int MaxValueLength = 1024;

    /// <summary>All values together: the certificate and its key must fit comfortably in one Secret (1 MiB).</summary>
    public const int MaxSubjectLength = 65536;

    public static Identity? Resolve(GeneratorSpec spec, JsonElement document, out string? error)
    {
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            var value = ResolveOne(group, document, "group", "at least a StringValue or FromDefinition Group value must be provided", out error);
            if (value is null)
            {
                return null;
            }
            groups.Add(value);
        }
        var user = ResolveOne(spec.User, document, "user", "at least a StringValue or FromDefinition for the user field must be provided", out error);
        if (user is null)
        {
            return null;
        }
        var size = user.Length + groups.Sum(g => g.Length);
        if (size > MaxSubjectLength)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"the certificate subject would be {size} characters long (user and {groups.Count} groups), more than the {MaxSubjectLength} a kubeconfig Secret can carry");
            return null;
        }
        return new Identity(user, groups.ToEquatableList());
    }

    /// <summary>The value, or null and why (<paramref name="missing"/> when neither field is set).</summary>
    private static string? ResolveOne(CompoundValue? value, JsonElement document, string field, string missing, out string? error)
    {
        error = missing;
        var resolved = !string.IsNullOrEmpty(value?.StringValue) ? value.StringValue
            : !string.IsNullOrEmpty(value?.FromDefinition) ? DefinitionResolver.Resolve(document, value.FromDefinition, out error)
            : null;
        error = resolved is null ? error : SubjectValueProblem(field, resolved);
        return error is null ? resolved : null;
    }

    /// <summary>
    /// Values become the certificate's CN and O, which the tenant API server reports as the user name and groups
    /// (audit logs, <c>kubectl auth whoami</c>). Control and invisible characters (NUL, newlines, bidi overrides)
    /// have no business there and could forge log lines or disguise a name, so they are refused. DN metacharacters
    /// such as <c>,</c> <c>=</c> <c>+</c> are harmless: each value is one encoded attribute, never parsed as a DN.
    /// </summary>
    private static string? SubjectValueProblem(string field, string value) =>
        value.Length > MaxValueLength
            ? string.Create(CultureInfo.InvariantCulture, $"the {field} value {GoFormat.Quote(GoFormat.Abbreviate(value))} is longer than {MaxValueLength} characters")
        : value.Any(c => c < ' ' || c == '\x7f' || GoFormat.IsInvisible(c))
            ? $"the {field} value {GoFormat.Quote(GoFormat.Abbreviate(value))} contains control or invisible characters, which a certificate subject must not carry"
        : null;
}
