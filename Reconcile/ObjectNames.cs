using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Reconcile;

/// <summary>
/// Object name syntax as kube-apiserver validates Secret names: a lowercase RFC 1123 subdomain of at most 253
/// characters. Names read from other objects (a TCP's status names its admin and CA Secrets) are checked with it
/// before any use, so text such as <c>../../other/secrets/x</c> can never become a path to another namespace
/// (docs/behaviour.md A2).
/// </summary>
public static partial class ObjectNames
{
    public const int MaxLength = 253;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z")]
    private static partial Regex DnsSubdomain();

    public static bool IsValid(string? name) => !string.IsNullOrEmpty(name) && name.Length <= MaxLength && DnsSubdomain().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is not a Secret name, naming the field it came from; null when it is one.</summary>
    public static string? Problem(string field, string name) =>
        IsValid(name) ? null
        : $"{field} {GoFormat.Quote(GoFormat.Abbreviate(name))} is not a valid Secret name: it must be a lowercase RFC 1123 subdomain "
            + $"(lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character) of at most {MaxLength} characters";
}
