using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>apimachinery's name and label validation, with its exact messages.</summary>
public static partial class NameValidation
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string QualifiedNamePartMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    /// <summary>Problems with an object name; Namespaces use DNS labels, everything else DNS subdomains.</summary>
    public static IEnumerable<StatusFactory.Cause> ValidateObjectName(string name, bool isNamespace)
    {
        var max = isNamespace ? 63 : 253;
        if (name.Length > max)
        {
            yield return Invalid("metadata.name", name, $"must be no more than {max} characters");
        }
        if (isNamespace ? !Label().IsMatch(name) : !Subdomain().IsMatch(name))
        {
            yield return Invalid("metadata.name", name, isNamespace ? LabelMessage : SubdomainMessage);
        }
    }

    /// <summary>Label keys are qualified names and values label values (A5).</summary>
    public static IEnumerable<StatusFactory.Cause> ValidateLabels(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            foreach (var problem in QualifiedNameProblems(key))
            {
                yield return Invalid("metadata.labels", key, problem);
            }
            if (value.Length > 63)
            {
                yield return Invalid("metadata.labels", value, "must be no more than 63 characters");
            }
            if (!LabelValue().IsMatch(value))
            {
                yield return Invalid("metadata.labels", value, LabelValueMessage);
            }
        }
    }

    public static IEnumerable<StatusFactory.Cause> ValidateAnnotationKeys(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            foreach (var problem in QualifiedNameProblems(key.ToLowerInvariant()))
            {
                yield return Invalid("metadata.annotations", key, problem);
            }
        }
    }

    /// <summary>Messages for a qualified name ("prefix/name"), empty when it is valid.</summary>
    public static IEnumerable<string> QualifiedNameProblems(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0)
            {
                yield return "prefix part must be non-empty";
            }
            else if (!Subdomain().IsMatch(prefix))
            {
                yield return "prefix part " + SubdomainMessage;
            }
        }
        if (name.Length == 0)
        {
            yield return "name part must be non-empty";
        }
        else
        {
            if (name.Length > 63)
            {
                yield return "name part must be no more than 63 characters";
            }
            if (!QualifiedNamePart().IsMatch(name))
            {
                yield return QualifiedNamePartMessage;
            }
        }
    }

    public static bool IsLabelValue(string value) => value.Length <= 63 && LabelValue().IsMatch(value);

    public static StatusFactory.Cause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", field, $"{field}: Invalid value: \"{value}\": {detail}");

    public static StatusFactory.Cause Required(string field, string detail) =>
        new("FieldValueRequired", field, detail.Length == 0 ? $"{field}: Required value" : $"{field}: Required value: {detail}");

    public static StatusFactory.Cause Forbidden(string field, string detail) =>
        new("FieldValueForbidden", field, $"{field}: Forbidden: {detail}");
}
