using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>
/// SelfSubjectAccessReview (kubectl auth can-i), SelfSubjectRulesReview (auth can-i --list: the rules bound to the
/// caller in the namespace, plus the defaults every authenticated user has) and SelfSubjectReview (auth whoami);
/// never stored.
/// </summary>
public sealed class AccessReviewHandler(SandboxContext context)
{
    public async Task CreateAsync(ApiRequest request)
    {
        var review = await BodyReader.ReadObjectAsync(request);
        if (request.Type.Plural == "selfsubjectreviews")
        {
            review.Metadata()["creationTimestamp"] = null;
            review["status"] = new JsonObject
            {
                ["userInfo"] = new JsonObject
                {
                    ["username"] = request.User.Name,
                    ["groups"] = new JsonArray([.. request.User.Groups.Select(g => (JsonNode)g)]),
                },
            };
            await Responses.WriteJsonAsync(request.Http, 201, review, request.Aborted);
            return;
        }
        if (request.Type.Plural == "selfsubjectrulesreviews")
        {
            review.Metadata()["creationTimestamp"] = null;
            review["status"] = RulesReview(request.User, review.GetString("spec", "namespace") ?? "");
            await Responses.WriteJsonAsync(request.Http, 201, review, request.Aborted);
            return;
        }
        var spec = review["spec"] as JsonObject ?? [];
        AuthorizationAttributes attributes;
        if (spec["resourceAttributes"] is JsonObject r)
        {
            attributes = new AuthorizationAttributes(r.GetString("verb") ?? "", r.GetString("group") ?? "", r.GetString("resource") ?? "",
                r.GetString("subresource") ?? "", r.GetString("namespace") ?? "", r.GetString("name") ?? "");
        }
        else
        {
            var n = spec["nonResourceAttributes"] as JsonObject ?? [];
            attributes = new AuthorizationAttributes(n.GetString("verb") ?? "", NonResourcePath: n.GetString("path") ?? "");
        }
        var allowed = context.Authorizer.Allows(request.User, attributes, out var reason);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }
        review["status"] = status;
        review.Metadata()["creationTimestamp"] = null;
        await Responses.WriteJsonAsync(request.Http, 201, review, request.Aborted);
    }

    /// <summary>The rules of every binding of the user (RBAC's rule resolver), and the discovery/self-review defaults.</summary>
    private JsonObject RulesReview(UserInfo user, string ns)
    {
        var resourceRules = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("create"),
            ["apiGroups"] = new JsonArray("authorization.k8s.io"),
            ["resources"] = new JsonArray("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
        }, new JsonObject
        {
            ["verbs"] = new JsonArray("create"),
            ["apiGroups"] = new JsonArray("authentication.k8s.io"),
            ["resources"] = new JsonArray("selfsubjectreviews"),
        });
        var nonResourceRules = new JsonArray(new JsonObject
        {
            ["verbs"] = new JsonArray("get"),
            ["nonResourceURLs"] = new JsonArray("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"),
        });
        if (user.IsSuperUser || !context.Authorizer.Enabled)
        {
            resourceRules.Insert(0, new JsonObject { ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*") });
            nonResourceRules.Insert(0, new JsonObject { ["verbs"] = new JsonArray("*"), ["nonResourceURLs"] = new JsonArray("*") });
        }
        foreach (var rule in context.Authorizer.RulesFor(user, ns))
        {
            var copy = (JsonObject)rule.DeepClone();
            (copy.ContainsKey("nonResourceURLs") ? nonResourceRules : resourceRules).Add(copy);
        }
        return new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false };
    }
}
