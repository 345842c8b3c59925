using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Security;

/// <summary>
/// Asks the sandbox's RBAC (SelfSubjectAccessReview, as the controller's ServiceAccount and as a broadly bound one)
/// whether the shipped identity can do its job and nothing more.
/// </summary>
public static class RbacAudit
{
    public sealed record Answer(AccessCheck Check, bool Controller, bool Broad);

    /// <summary>Every needed and denied check, answered for the controller's ServiceAccount and for the broad one.</summary>
    public static async Task<(List<Answer> Needed, List<Answer> Denied)> RunAsync(ChaosWorld world)
    {
        var documents = YamlDocuments.TryParseAll(RbacExpectations.BroadRoleYaml, out _)!.OfType<JsonObject>().ToList();
        await world.Admin.CreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles", documents[0]);
        await world.Admin.CreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", documents[1]);
        var controllerToken = await world.Control.ServiceAccountTokenAsync("kamaji-system", "kubeconfig-generator");
        var broadToken = await world.Control.ServiceAccountTokenAsync("kamaji-system", "broad");
        using var controller = world.Sandbox.Client(controllerToken);
        using var broad = world.Sandbox.Client(broadToken);
        async Task<List<Answer>> AskAll(IEnumerable<AccessCheck> checks)
        {
            var answers = new List<Answer>();
            foreach (var check in checks)
            {
                answers.Add(new Answer(check, await AllowedAsync(controller, check), await AllowedAsync(broad, check)));
            }
            return answers;
        }
        return (await AskAll(RbacExpectations.Needed), await AskAll(RbacExpectations.Denied));
    }

    private static async Task<bool> AllowedAsync(ApiClient client, AccessCheck check)
    {
        var review = await client.CreateAsync("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject
            {
                ["resourceAttributes"] = new JsonObject
                {
                    ["verb"] = check.Verb,
                    ["group"] = check.Group,
                    ["resource"] = check.Resource,
                    ["subresource"] = check.Subresource,
                    ["namespace"] = check.Namespace,
                },
            },
        });
        return review["status"]?["allowed"]?.GetValue<bool>() == true;
    }

    /// <summary>What is wrong with the answers: a needed permission missing, a denial that is not one, or a control that failed.</summary>
    public static List<Violation> Violations(List<Answer> needed, List<Answer> denied) =>
    [
        .. needed.Where(a => !a.Controller).Select(a => new Violation("rbac", $"the controller cannot {a.Check} ({a.Check.Why})")),
        .. denied.Where(a => a.Controller).Select(a => new Violation("rbac", $"the controller may {a.Check}, which it never needs ({a.Check.Why})")),
        .. denied.Where(a => !a.Broad).Select(a => new Violation("rbac", $"control failed: even the broad role may not {a.Check}")),
    ];
}
