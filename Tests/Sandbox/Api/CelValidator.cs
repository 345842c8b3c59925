using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Api;

/// <summary>
/// x-kubernetes-validations as apiextensions evaluates them (apiserver/schema/cel/validation.go): every rule of a
/// node runs against the node's value; a false result is a field error on the node (or its fieldPath) whose bad
/// value is the schema type, with the rule's message or messageExpression; a runtime error is reported with
/// "evaluating rule"; transition rules (oldSelf) run only on updates with an old value; on updates, errors of a
/// value equal to its old value are ratcheted into warnings (CRDValidationRatcheting, on in 1.32).
/// </summary>
public static class CelValidator
{
    private static readonly ConcurrentDictionary<string, CelRule> Compiled = new(StringComparer.Ordinal);

    public static CelRule Rule(string expression) => Compiled.GetOrAdd(expression, CelRule.Compile);

    /// <summary>Evaluates the rules of one schema node. <paramref name="old"/> is set only where the old value correlates.</summary>
    public static void Check(JsonNode value, JsonNode? old, bool hasOld, JsonObject schema, string path, List<StatusFactory.Cause> causes)
    {
        if (schema["x-kubernetes-validations"] is not JsonArray rules)
        {
            return;
        }
        var type = schema.GetString("type") ?? "";
        var self = CelValues.From(value, schema);
        var oldSelf = hasOld ? CelValues.From(old, schema) : null;
        var unchanged = hasOld && JsonNode.DeepEquals(old, value);
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var expression = rule.GetString("rule") ?? "";
            var shown = JsonSerializer.Serialize(type);
            var ruleText = (rule.GetString("message") ?? "").Trim() is { Length: > 0 } m ? m : expression.Trim();
            CelRule compiled;
            try
            {
                compiled = Rule(expression);
            }
            catch (CelCompileException e)
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: {shown}: rule compile error: {e.Message}"));
                continue;
            }
            if (compiled.UsesOldSelf && !hasOld)
            {
                continue;
            }
            object? result;
            try
            {
                result = compiled.Evaluate(self, oldSelf);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                causes.Add(new("FieldValueInvalid", path, $"{path}: Invalid value: {shown}: {e.Message} evaluating rule: {ruleText}"));
                continue;
            }
            if (result is true)
            {
                continue;
            }
            var field = rule.GetString("fieldPath") is { Length: > 0 } fieldPath ? path + fieldPath : path;
            var detail = Message(rule, compiled, self, oldSelf) ?? ((rule.GetString("message") ?? "").Trim() is { Length: > 0 } message ? message : $"failed rule: {expression.Trim()}");
            var cause = rule.GetString("reason") switch
            {
                "FieldValueForbidden" => new StatusFactory.Cause("FieldValueForbidden", field, $"{field}: Forbidden: {detail}"),
                "FieldValueRequired" => new StatusFactory.Cause("FieldValueRequired", field, $"{field}: Required value: {detail}"),
                "FieldValueDuplicate" => new StatusFactory.Cause("FieldValueDuplicate", field, $"{field}: Duplicate value: {shown}"),
                _ => new StatusFactory.Cause("FieldValueInvalid", field, $"{field}: Invalid value: {shown}: {detail}"),
            };
            if (unchanged && !compiled.UsesOldSelf)
            {
                Http.Warnings.Add(cause.Message);
            }
            else
            {
                causes.Add(cause);
            }
        }
    }

    private static string? Message(JsonObject rule, CelRule compiled, object? self, object? oldSelf)
    {
        if (rule.GetString("messageExpression") is not { Length: > 0 } expression)
        {
            return null;
        }
        try
        {
            var value = Rule(expression).Evaluate(self, compiled.UsesOldSelf ? oldSelf : null);
            return value is string text && text.Trim().Length > 0 && !text.Contains('\n', StringComparison.Ordinal) ? text.Trim() : null;
        }
        catch (Exception e) when (e is CelCompileException or CelEvaluationException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
