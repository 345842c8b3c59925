using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Reconcile;

/// <summary>Label key and value syntax (apimachinery validation), with messages that name the offending text.</summary>
internal static partial class LabelSyntax
{
    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z")]
    private static partial Regex QualifiedNamePart();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex DnsSubdomain();

    public static string? ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !DnsSubdomain().IsMatch(prefix))
            {
                return $"key: Invalid value: \"{key}\": prefix part must be a lowercase RFC 1123 subdomain";
            }
        }
        if (name.Length == 0 || name.Length > 63 || !QualifiedNamePart().IsMatch(name))
        {
            return $"key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                + "and must start and end with an alphanumeric character, at most 63 characters";
        }
        return null;
    }

    public static string? ValidateValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && QualifiedNamePart().IsMatch(value))
            ? null
            : $"values[0]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric "
                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters";
}
