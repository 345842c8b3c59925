using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Json;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>SelfSubjectAccessReview (kubectl auth can-i) and a minimal SelfSubjectRulesReview; never stored.</summary>
public sealed class AccessReviewHandler(SandboxContext context)
{
    public async Task CreateAsync(ApiRequest request)
    {
        var review = await BodyReader.ReadObjectAsync(request);
        if (request.Type.Plural == "selfsubjectrulesreviews")
        {
            review["status"] = new JsonObject
            {
                ["resourceRules"] = new JsonArray(),
                ["nonResourceRules"] = new JsonArray(),
                ["incomplete"] = true,
                ["evaluationError"] = "the sandbox does not list rules; use SelfSubjectAccessReview",
            };
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
}
