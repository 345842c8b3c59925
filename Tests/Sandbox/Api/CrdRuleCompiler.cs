using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// CRD validation of x-kubernetes-validations (apiextensions validateCustomResourceDefinition compiles every rule):
/// a rule that does not compile, or that uses CEL the sandbox cannot evaluate, makes the CRD write fail with 422,
/// so no rule is ever skipped silently.
/// </summary>
public static class CrdRuleCompiler
{
    private static readonly HashSet<string> ConvertedFormats = ["date", "date-time", "duration", "byte"];

    public static IEnumerable<StatusFactory.Cause> Problems(JsonObject crd)
    {
        if (crd.Get("spec", "versions") is not JsonArray versions)
        {
            yield break;
        }
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]?.Get("schema", "openAPIV3Schema") is JsonObject schema)
            {
                foreach (var cause in Walk(schema, $"spec.versions[{i}].schema.openAPIV3Schema", inList: false))
                {
                    yield return cause;
                }
            }
        }
    }

    private static IEnumerable<StatusFactory.Cause> Walk(JsonObject schema, string path, bool inList)
    {
        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            for (var j = 0; j < rules.Count; j++)
            {
                if (rules[j] is not JsonObject rule)
                {
                    continue;
                }
                var field = $"{path}.x-kubernetes-validations[{j}].rule";
                var value = $"apiextensions.ValidationRule{{Rule:{JsonSerializer.Serialize(rule.GetString("rule") ?? "")}, Message:{JsonSerializer.Serialize(rule.GetString("message") ?? "")}}}";
                string? problem = null;
                try
                {
                    var compiled = CelValidator.Rule(rule.GetString("rule") ?? "");
                    if (compiled.UsesOldSelf && inList)
                    {
                        problem = "oldSelf cannot be used on the uncorrelatable portion of the schema (the sandbox correlates object properties and maps only)";
                    }
                    if (rule.GetString("messageExpression") is { Length: > 0 } messageExpression)
                    {
                        CelValidator.Rule(messageExpression);
                    }
                }
                catch (CelCompileException e)
                {
                    problem = $"compilation failed: {e.Message}";
                }
                if (problem is null && schema.GetString("format") is { } format && ConvertedFormats.Contains(format))
                {
                    problem = $"compilation failed: the sandbox does not give CEL the {format} type of a string with format {format}";
                }
                if (problem is not null)
                {
                    yield return new("FieldValueInvalid", field, $"{field}: Invalid value: {value}: {problem}");
                }
            }
        }
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject childSchema)
                {
                    foreach (var cause in Walk(childSchema, $"{path}.properties[{name}]", inList))
                    {
                        yield return cause;
                    }
                }
            }
        }
        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var cause in Walk(additional, $"{path}.additionalProperties", inList))
            {
                yield return cause;
            }
        }
        if (schema["items"] is JsonObject items)
        {
            foreach (var cause in Walk(items, $"{path}.items", inList: true))
            {
                yield return cause;
            }
        }
    }
}
