using System.Globalization;
using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>The Status bodies of the API server's error catalogue (docs/kubernetes-notes.md A3), message for message.</summary>
public static class StatusFactory
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(string name, string group, string kind, string? uid)
    {
        var details = Details(name, group, kind);
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static JsonObject Details(string? name, string group, string kind)
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }
        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }
        details["kind"] = kind;
        return details;
    }

    private static string Qualified(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";

    public static ApiException NotFound(string group, string plural, string name) =>
        new(Failure(404, "NotFound", $"{Qualified(group, plural)} \"{name}\" not found", Details(name, group, plural)));

    public static ApiException AlreadyExists(string group, string plural, string name) =>
        new(Failure(409, "AlreadyExists", $"{Qualified(group, plural)} \"{name}\" already exists", Details(name, group, plural)));

    public static ApiException Conflict(string group, string plural, string name) =>
        new(Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(group, plural)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, group, plural)));

    public static ApiException ConflictWithMessage(string group, string plural, string name, string detail) =>
        new(Failure(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, plural)} \"{name}\": {detail}", Details(name, group, plural)));

    public static ApiException BadRequest(string message) => new(Failure(400, "BadRequest", message));

    public static ApiException MethodNotAllowed(string message) => new(Failure(405, "MethodNotAllowed", message));

    public static ApiException NotAcceptable(string message) => new(Failure(406, "NotAcceptable", message));

    public static ApiException UnsupportedMediaType(string message) => new(Failure(415, "UnsupportedMediaType", message));

    public static ApiException Unauthorized() => new(Failure(401, "Unauthorized", "Unauthorized"));

    public static ApiException Gone(string message) => new(Failure(410, "Expired", message));

    public static ApiException InternalError(string message) =>
        new(Failure(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) }));

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(Failure(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later",
            new JsonObject { ["retryAfterSeconds"] = retryAfterSeconds }));

    public static ApiException ServiceUnavailable(string message) => new(Failure(503, "ServiceUnavailable", message));

    public static ApiException Forbidden(string group, string plural, string name, string why, JsonArray? causes = null)
    {
        var details = Details(name, group, plural);
        if (causes is not null)
        {
            details["causes"] = causes;
        }
        var subject = string.IsNullOrEmpty(name) ? Qualified(group, plural) : $"{Qualified(group, plural)} \"{name}\"";
        return new(Failure(403, "Forbidden", $"{subject} is forbidden: {why}", details));
    }

    /// <summary>One validation problem: the cause type (e.g. FieldValueInvalid), the field and the message.</summary>
    public sealed record Cause(string Reason, string Field, string Message);

    /// <summary>422 Invalid. <paramref name="kindLabel"/> is the Kind (plus ".group" for non-core), as real servers print it.</summary>
    public static ApiException Invalid(string kindLabel, string group, string kindForDetails, string name, IReadOnlyList<Cause> causes)
    {
        var messages = causes.Select(c => c.Message).Distinct().ToList();
        var joined = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
        var details = Details(name, group, kindForDetails);
        // A cause carries the error body without the field (field.Error.ErrorBody): clients print "field: body".
        details["causes"] = new JsonArray([.. causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = Body(c), ["field"] = c.Field })]);
        return new(Failure(422, "Invalid", $"{kindLabel} \"{name}\" is invalid: {joined}", details));
    }

    private static string Body(Cause cause) =>
        cause.Field.Length > 0 && cause.Message.StartsWith(cause.Field + ": ", StringComparison.Ordinal) ? cause.Message[(cause.Field.Length + 2)..] : cause.Message;

    public static ApiException TooLargeResourceVersion(long requested, long current)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "ResourceVersionTooLarge",
                ["message"] = "Too large resource version",
            }),
            ["retryAfterSeconds"] = 1,
        };
        // NewTimeoutError prefixes "Timeout: " (apimachinery/pkg/api/errors/errors.go).
        return new(Failure(504, "Timeout",
            string.Create(CultureInfo.InvariantCulture, $"Timeout: Too large resource version: {requested}, current: {current}"), details));
    }
}
