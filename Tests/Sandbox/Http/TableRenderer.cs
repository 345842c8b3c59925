using System.Globalization;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>Server-side printing (A12): meta.k8s.io/v1 Table with the type's columns, as kubectl get asks for.</summary>
public static class TableRenderer
{
    public static bool Wanted(HttpContext http) =>
        http.Request.Headers.Accept.ToString().Split(',').Select(a => a.Replace(" ", "", StringComparison.Ordinal))
            .TakeWhile(a => a.Contains("as=Table", StringComparison.Ordinal) || !a.StartsWith("application/json", StringComparison.Ordinal))
            .Any(a => a.Contains("as=Table", StringComparison.Ordinal) && a.Contains("g=meta.k8s.io", StringComparison.Ordinal));

    public static JsonObject Render(ResourceType type, IEnumerable<JsonObject> objects, string resourceVersion, string? continueToken, string includeObject, DateTimeOffset now)
    {
        var printer = type.PrinterColumns;
        var nameFirst = !printer.Any(c => c.JsonPath == "#name");
        var columns = new JsonArray();
        if (nameFirst)
        {
            columns.Add(NameColumn());
        }
        foreach (var c in printer)
        {
            columns.Add(c.JsonPath == "#name" ? NameColumn(c.Priority) : Column(c.Name, c.Type == "date" ? "string" : c.Type, c.Format, c.Description, c.Priority));
        }
        var addAge = !type.IsCustom && !printer.Any(c => c.Type == "date" || c.JsonPath.StartsWith('#') && c.JsonPath != "#datacount");
        if (addAge)
        {
            columns.Add(Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));
        }
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            if (nameFirst)
            {
                cells.Add(obj.GetString("metadata", "name"));
            }
            // Kinds served from another shape (events.k8s.io Events) print through the stored shape's printer.
            var printed = type.ToStorage is { } toStorage ? toStorage((JsonObject)obj.DeepClone()) : obj;
            foreach (var c in printer)
            {
                cells.Add(Cell(printed, c, now));
            }
            if (addAge)
            {
                cells.Add(Age(obj.GetString("metadata", "creationTimestamp"), now));
            }
            rows.Add(Row(obj, cells, includeObject));
        }
        return Table(columns, rows, resourceVersion, continueToken);
    }

    private static JsonObject NameColumn(int priority = 0) => Column("Name", "string", "name",
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", priority);

    private static JsonObject Row(JsonObject obj, JsonArray cells, string includeObject)
    {
        var row = new JsonObject { ["cells"] = cells };
        if (includeObject != "None")
        {
            row["object"] = includeObject == "Object" ? obj : new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = obj["metadata"]?.DeepClone(),
            };
        }
        return row;
    }

    private static JsonObject Table(JsonArray columns, JsonArray rows, string resourceVersion, string? continueToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };

    private static JsonNode? Cell(JsonObject obj, PrinterColumn column, DateTimeOffset now)
    {
        switch (column.JsonPath)
        {
            case "#createdat":
                return obj.GetString("metadata", "creationTimestamp");
            case "#age":
                return Age(obj.GetString("metadata", "creationTimestamp"), now);
            case "#roleref":
                return $"{obj.GetString("roleRef", "kind")}/{obj.GetString("roleRef", "name")}";
            case "#users" or "#groups" or "#serviceaccounts":
                var kind = column.JsonPath switch { "#users" => "User", "#groups" => "Group", _ => "ServiceAccount" };
                return string.Join(", ", (obj["subjects"] as JsonArray ?? []).OfType<JsonObject>().Where(s => s.GetString("kind") == kind)
                    .Select(s => kind == "ServiceAccount" ? $"{s.GetString("namespace")}/{s.GetString("name")}" : s.GetString("name")));
            case "#datacount":
                return obj["data"] is JsonObject d ? d.Count : 0;
            case "#name":
                return obj.GetString("metadata", "name");
            case "#involvedobject":
                return $"{(obj.GetString("involvedObject", "kind") ?? "").ToLowerInvariant()}/{obj.GetString("involvedObject", "name")}";
            case "#lastseen":
                return Age(obj.GetString("lastTimestamp") ?? obj.GetString("eventTime") ?? obj.GetString("metadata", "creationTimestamp"), now);
            case "#firstseen":
                return Age(obj.GetString("firstTimestamp") ?? obj.GetString("eventTime") ?? obj.GetString("metadata", "creationTimestamp"), now);
        }
        var value = Evaluate(obj, column.JsonPath);
        if (column.Type == "date")
        {
            return Age(value?.ToString(), now);
        }
        return value switch
        {
            null => column.WhenAbsent?.DeepClone(),
            JsonValue v => v.DeepClone(),
            _ => value.ToJsonString(),
        };
    }

    /// <summary>
    /// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0].b</c>, and filters such as
    /// <c>.status.conditions[?(@.type=="Ready")].status</c> (first match), as kubectl's column printer evaluates them.
    /// </summary>
    private static JsonNode? Evaluate(JsonNode? node, string path)
    {
        foreach (var raw in Segments(path.Trim('{', '}').TrimStart('.')))
        {
            var bracket = raw.IndexOf('[', StringComparison.Ordinal);
            var segment = bracket >= 0 ? raw[..bracket] : raw;
            node = segment.Length == 0 ? node : node is JsonObject o ? o[segment] : null;
            if (bracket < 0)
            {
                continue;
            }
            var selector = raw[(bracket + 1)..^1];
            if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var at))
            {
                node = node is JsonArray a && at < a.Count ? a[at] : null;
            }
            else if (selector.StartsWith("?(@.", StringComparison.Ordinal) && selector.EndsWith(')'))
            {
                var condition = selector[4..^1].Split("==", 2);
                var field = condition[0].Trim();
                var expected = condition.Length == 2 ? condition[1].Trim().Trim('"', '\'') : null;
                node = node is JsonArray items
                    ? items.FirstOrDefault(i => i is JsonObject item && item[field]?.ToString() == expected)
                    : null;
            }
            else
            {
                node = null;
            }
        }
        return node;
    }

    /// <summary>Splits on dots outside brackets, so a filter's <c>@.type</c> stays whole.</summary>
    private static IEnumerable<string> Segments(string path)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            depth += path[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (path[i] == '.' && depth == 0)
            {
                if (i > start)
                {
                    yield return path[start..i];
                }
                start = i + 1;
            }
        }
        if (path.Length > start)
        {
            yield return path[start..];
        }
    }

    /// <summary>apimachinery's duration.HumanDuration of the time since a timestamp.</summary>
    public static string Age(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<unknown>";
        }
        var d = now - then;
        if (d.TotalSeconds < -1)
        {
            return "<invalid>";
        }
        var seconds = (long)Math.Max(0, d.TotalSeconds);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 192 => hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h",
            _ when days < 730 => $"{days}d",
            _ when days < 2920 => $"{days / 365}y{days % 365}d",
            _ => $"{days / 365}y",
        };
    }
}
