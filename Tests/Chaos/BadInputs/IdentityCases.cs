using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Hostile user and group values (issue 10): DN metacharacters and injections may be refused or encoded faithfully
/// (one CN, the O values as given, no extra RDN); control characters, bidi overrides and 64 KiB strings must be refused.
/// </summary>
public static class IdentityCases
{
    private static readonly string Big = new('x', 64 * 1024);

    public static IEnumerable<BadInputCase> All() =>
    [
        Faithful("user-dn-injection", "eve,O=system:masters"),
        Faithful("user-dn-metacharacters", "a=b+c=d;e<f>g#h"),
        Faithful("user-quotes-backslash", "\"eve\\\",O=x"),
        FaithfulGroup("group-dn-injection", "ops,CN=admin+O=system:masters"),
        Refused("user-newline", User("eve\nO=system:masters")),
        Refused("user-nul", User("eve\0admin")),
        Refused("user-bidi-override", User("\u202Enimda-eve")),
        Refused("group-newline", User("alice"), Groups("ops\nsystem:masters")),
        Refused("user-64KiB", User(Big)),
        Refused("group-64KiB", User("alice"), Groups(Big)),
        Thousand(),
        Duplicates(),
        Refused("user-empty-string", User("")),
        Refused("group-empty-string", User("alice"), Groups("")),
        Refused("user-both-stringValue-and-fromDefinition", new JsonObject { ["stringValue"] = "a", ["fromDefinition"] = "metadata.name" }),
        Refused("user-neither", []),
        Annotated("user-from-annotation-dn-injection", "eve,O=system:masters", faithful: true),
        Annotated("user-from-annotation-newline", "eve\nO=system:masters", faithful: false),
    ];

    public static JsonObject User(string value) => new() { ["stringValue"] = value };

    public static JsonArray Groups(params string[] values) => new([.. values.Select(v => (JsonNode)new JsonObject { ["stringValue"] = v })]);

    private static BadInputCase Faithful(string name, string user) => new()
    {
        Name = name,
        Source = "10 identity",
        Accept = Signal.Error | Signal.Valid,
        SetupAsync = async c =>
        {
            await OneTenantAsync(c, User(user), Groups("ops"));
            c.Outcome("tcp", PairOutcome.Either);
            c.Identity("tcp", Identity.Of(user, ["ops"]));
        },
    };

    private static BadInputCase FaithfulGroup(string name, string group) => new()
    {
        Name = name,
        Source = "10 identity",
        Accept = Signal.Error | Signal.Valid,
        SetupAsync = async c =>
        {
            await OneTenantAsync(c, User("alice"), Groups(group));
            c.Outcome("tcp", PairOutcome.Either);
            c.Identity("tcp", Identity.Of("alice", [group]));
        },
    };

    private static BadInputCase Refused(string name, JsonObject user, JsonArray? groups = null) => new()
    {
        Name = name,
        Source = "10 identity",
        SetupAsync = async c =>
        {
            await OneTenantAsync(c, user, groups ?? Groups("ops"));
            c.Outcome("tcp", PairOutcome.Error);
        },
    };

    private static BadInputCase Thousand() => new()
    {
        Name = "groups-1000",
        Source = "10 identity",
        Accept = Signal.Error | Signal.Valid,
        SetupAsync = async c =>
        {
            var groups = Enumerable.Range(0, 1000).Select(i => $"group-{i:0000}").ToArray();
            await OneTenantAsync(c, User("alice"), Groups(groups));
            c.Outcome("tcp", PairOutcome.Either);
            c.Identity("tcp", Identity.Of("alice", groups));
        },
    };

    private static BadInputCase Duplicates() => new()
    {
        Name = "groups-duplicates",
        Source = "10 identity",
        Accept = Signal.Error | Signal.Valid,
        SetupAsync = async c =>
        {
            await OneTenantAsync(c, User("alice"), Groups("ops", "dev", "ops", "dev"));
            c.Outcome("tcp", PairOutcome.Either);
            c.Identity("tcp", Identity.Of("alice", ["dev", "ops"]));
        },
    };

    private static BadInputCase Annotated(string name, string value, bool faithful) => new()
    {
        Name = name,
        Source = "10 identity",
        Accept = faithful ? Signal.Error | Signal.Valid : Signal.Error,
        SetupAsync = async c =>
        {
            await c.NamespaceAsync();
            await c.KamajiTenantAsync(annotations: new JsonObject { ["who"] = value });
            c.Resource = c.Tenant();
            c.Outcome("tcp", faithful ? PairOutcome.Either : PairOutcome.Error);
            if (faithful)
            {
                c.Identity("tcp", Identity.Of(value, ["ops"]));
            }
            await c.GeneratorAsync(c.GeneratorBody(new JsonObject { ["fromDefinition"] = "metadata.annotations['who']" }));
        },
    };

    /// <summary>A namespace with one Kamaji tenant and the case's generator with this identity.</summary>
    public static async Task OneTenantAsync(CaseContext c, JsonObject user, JsonArray groups)
    {
        await c.NamespaceAsync();
        await c.KamajiTenantAsync();
        c.Resource = c.Tenant();
        await c.GeneratorAsync(c.GeneratorBody(user, groups));
    }
}
