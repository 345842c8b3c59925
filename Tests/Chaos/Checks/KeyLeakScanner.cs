using System.Text;
using System.Text.RegularExpressions;

namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>
/// Finds private key material where it must never appear (controller logs, Events, status, metrics): PEM private key
/// blocks, any base64-encoded PEM key, and fragments of every key the sandbox ever stored (CA keys, admin keys,
/// generated client keys), both as their DER base64 and as the base64 of their PEM text.
/// </summary>
public sealed partial class KeyLeakScanner
{
    private const int Fragment = 40;
    private static readonly string[] Headers = ["-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----"];

    private readonly List<(string Needle, string What)> _needles = [("PRIVATE KEY-----", "a PEM private key block")];

    public KeyLeakScanner(IEnumerable<string> keyPems)
    {
        foreach (var header in Headers)
        {
            var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(header[..(header.Length / 3 * 3)]));
            _needles.Add((encoded, "a base64-encoded PEM private key"));
        }
        foreach (var pem in keyPems.Distinct(StringComparer.Ordinal))
        {
            foreach (Match block in PemBody().Matches(pem))
            {
                var body = Regex.Replace(block.Groups[1].Value, @"\s+", "");
                AddFragments(body, "a stored private key (DER base64)");
            }
            AddFragments(Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)), "a stored private key (base64 of its PEM)");
        }
    }

    public int NeedleCount => _needles.Count;

    private void AddFragments(string text, string what)
    {
        // Skip the first 60 characters: headers and algorithm identifiers are the same for every key of a type.
        foreach (var start in new[] { 60, text.Length / 2 })
        {
            if (start + Fragment <= text.Length)
            {
                _needles.Add((text.Substring(start, Fragment), what));
            }
        }
    }

    /// <summary>What leaked into <paramref name="haystack"/>, described without the key itself.</summary>
    public IEnumerable<string> Find(string haystack) =>
        _needles.Where(n => haystack.Contains(n.Needle, StringComparison.Ordinal)).Select(n => n.What).Distinct();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END", RegexOptions.None, matchTimeoutMilliseconds: 5000)]
    private static partial Regex PemBody();
}
