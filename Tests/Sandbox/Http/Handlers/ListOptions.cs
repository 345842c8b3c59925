using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Selectors;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>List and watch parameters, validated as apimachinery does (A4, A5, A6).</summary>
public sealed record ListOptions
{
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;
    public string ResourceVersion { get; init; } = "";
    public string ResourceVersionMatch { get; init; } = "";
    public int Limit { get; init; }
    public string Continue { get; init; } = "";
    public bool AllowBookmarks { get; init; }
    public bool? SendInitialEvents { get; init; }
    public int? TimeoutSeconds { get; init; }

    public static ListOptions Parse(ApiRequest request)
    {
        var type = request.Type;
        var fields = FieldSelector.Parse(request.Query("fieldSelector"), type);
        if (request.Name is not null)
        {
            var named = fields.RequiredValue("metadata.name");
            if (named is not null && named != request.Name)
            {
                throw StatusFactory.BadRequest("fieldSelector metadata.name doesn't match requested name");
            }
            fields = FieldSelector.Parse(AppendTerm(request.Query("fieldSelector"), "metadata.name=" + request.Name), type);
        }
        var options = new ListOptions
        {
            Labels = LabelSelector.Parse(request.Query("labelSelector")),
            Fields = fields,
            ResourceVersion = request.Query("resourceVersion"),
            ResourceVersionMatch = request.Query("resourceVersionMatch"),
            Limit = int.TryParse(request.Query("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : 0,
            Continue = request.Query("continue"),
            AllowBookmarks = request.QueryBool("allowWatchBookmarks"),
            SendInitialEvents = request.HasQuery("sendInitialEvents") ? request.QueryBool("sendInitialEvents") : null,
            TimeoutSeconds = int.TryParse(request.Query("timeoutSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null,
        };
        options.Validate(request.Verb == "watch");
        return options;
    }

    private static string AppendTerm(string selector, string term) => string.IsNullOrEmpty(selector) ? term : selector + "," + term;

    private void Validate(bool isWatch)
    {
        var problems = new List<StatusFactory.Cause>();
        if (ResourceVersionMatch.Length > 0)
        {
            if (isWatch && SendInitialEvents is null)
            {
                problems.Add(NameValidation.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }
            if (ResourceVersionMatch is not ("Exact" or "NotOlderThan"))
            {
                problems.Add(new("FieldValueNotSupported", "resourceVersionMatch",
                    $"resourceVersionMatch: Unsupported value: \"{ResourceVersionMatch}\": supported values: \"Exact\", \"NotOlderThan\", \"\""));
            }
            if (ResourceVersion.Length == 0 && !(isWatch && SendInitialEvents is not null))
            {
                problems.Add(NameValidation.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }
            if (Continue.Length > 0)
            {
                problems.Add(NameValidation.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }
            if (ResourceVersionMatch == "Exact" && ResourceVersion == "0")
            {
                problems.Add(NameValidation.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (SendInitialEvents is not null)
        {
            if (!isWatch)
            {
                problems.Add(NameValidation.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }
            else if (ResourceVersionMatch != "NotOlderThan")
            {
                problems.Add(NameValidation.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }
        }
        if (!isWatch && Continue.Length > 0 && ResourceVersion.Length > 0 && ResourceVersion != "0")
        {
            problems.Add(NameValidation.Forbidden("resourceVersion", "specifying resource version is not allowed when using continue"));
        }
        if (problems.Count > 0)
        {
            throw StatusFactory.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", problems);
        }
    }

    public static string EncodeContinue(long revision, string startAfterKey)
    {
        var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = startAfterKey };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Tokens are unpadded URL-safe base64 JSON, refused with storage/continue.go's messages.</summary>
    public static (long Revision, string StartAfterKey) DecodeContinue(string token)
    {
        const string invalid = "invalid continue token: continue key is not valid";
        var bad = -1;
        for (var i = 0; bad < 0 && i < token.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(token[i]) && token[i] is not ('-' or '_'))
            {
                bad = i;
            }
        }
        if (bad >= 0 || token.Length % 4 == 1)
        {
            throw StatusFactory.BadRequest(string.Create(CultureInfo.InvariantCulture, $"{invalid}: illegal base64 data at input byte {(bad >= 0 ? bad : token.Length - 1)}"));
        }
        var padded = token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw StatusFactory.BadRequest($"{invalid}: {e.Message.Split('\n')[0]}");
        }
        if (node?["v"]?.GetValue<string>() != "meta.k8s.io/v1")
        {
            throw StatusFactory.BadRequest($"{invalid}: server does not recognize this encoded version {node?["v"]}");
        }
        var rv = node["rv"] is JsonValue r && r.TryGetValue<long>(out var n) ? n : 0;
        if (rv == 0)
        {
            throw StatusFactory.BadRequest($"{invalid}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        var start = node["start"] is JsonValue s && s.TryGetValue<string>(out var text) ? text : "";
        if (start.Length == 0)
        {
            throw StatusFactory.BadRequest($"{invalid}: encoded start key empty (version meta.k8s.io/v1)");
        }
        return (rv, start);
    }
}
