using System.Text.Json.Nodes;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>Invalid selectors: refused at admission or one clear spec.* status error (and nothing pruned).</summary>
public static class SelectorCases
{
    public static IEnumerable<BadInputCase> All() =>
    [
        Selector("selector-invalid-key", "namespaceSelector", new JsonObject { ["matchLabels"] = new JsonObject { ["bad key!"] = "x" } }),
        Selector("selector-invalid-value", "namespaceSelector", new JsonObject { ["matchLabels"] = new JsonObject { ["env"] = "a b" } }),
        Selector("selector-key-300-chars", "namespaceSelector", new JsonObject { ["matchLabels"] = new JsonObject { [new string('k', 300)] = "x" } }),
        Selector("selector-in-without-values", "namespaceSelector", Expression("env", "In")),
        Selector("selector-exists-with-values", "namespaceSelector", Expression("env", "Exists", "x")),
        Selector("selector-unknown-operator", "namespaceSelector", Expression("env", "Matches", "x")),
        Selector("tcp-selector-invalid-key", "tenantControlPlaneSelector", new JsonObject { ["matchLabels"] = new JsonObject { ["-bad"] = "x" } }),
        Selector("tcp-selector-invalid-value", "tenantControlPlaneSelector", Expression("tier", "In", "not valid!")),
        MadeInvalid(),
    ];

    /// <summary>A working generator whose selector becomes invalid: a spec error, and its existing Secret is not pruned.</summary>
    private static BadInputCase MadeInvalid() => new()
    {
        Name = "selector-made-invalid-prunes-nothing",
        Source = "10 selector",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync();
            c.Resource = "spec.";
            await c.GeneratorAsync(c.GeneratorBody());
            var secret = Infrastructure.Objects.Secret(c.Namespace, $"tcp-{c.Generator}");
            await Infrastructure.Poll.UntilAsync(async () => await c.Admin.GetAsync(secret) is not null, TimeSpan.FromSeconds(20));
            await c.Admin.MergePatchAsync(Infrastructure.Objects.Generator(c.Generator), new JsonObject
            {
                ["spec"] = new JsonObject { ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["bad key!"] = "x" } } },
            });
        },
        VerifyAsync = async c =>
        {
            if (await c.Admin.GetAsync(Infrastructure.Objects.Secret(c.Namespace, $"tcp-{c.Generator}")) is null)
            {
                c.Fail("the generator's Secret was pruned although its new selector is invalid");
            }
        },
    };

    private static JsonObject Expression(string key, string op, params string[] values)
    {
        var expression = new JsonObject { ["key"] = key, ["operator"] = op };
        if (values.Length > 0)
        {
            expression["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }
        return new JsonObject { ["matchExpressions"] = new JsonArray(expression) };
    }

    private static BadInputCase Selector(string name, string field, JsonObject selector) => new()
    {
        Name = name,
        Source = "10 selector",
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync();
            c.Resource = "spec.";
            var body = c.GeneratorBody();
            body["spec"]![field] = selector;
            await c.GeneratorAsync(body);
        },
    };
}
