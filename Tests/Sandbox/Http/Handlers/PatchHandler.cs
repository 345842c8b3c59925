using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Json;
using KamajiKubeconfig.Sandbox.Patch;

namespace KamajiKubeconfig.Sandbox.Http.Handlers;

/// <summary>PATCH in its four content types (A9) and server-side apply (A10).</summary>
public sealed class PatchHandler(SandboxContext context, WritePipeline pipeline)
{
    public async Task PatchAsync(ApiRequest request)
    {
        var type = request.Type;
        var mediaType = BodyReader.MediaType(request);
        var isApply = mediaType == "application/apply-patch+yaml";
        if (mediaType is not ("application/merge-patch+json" or "application/json-patch+json" or "application/apply-patch+yaml")
            && !(mediaType == "application/strategic-merge-patch+json" && type.SupportsStrategicMerge))
        {
            var accepted = type.SupportsStrategicMerge
                ? "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml"
                : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
            throw StatusFactory.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {accepted}");
        }
        CheckOptions(request, isApply);
        var text = await BodyReader.ReadTextAsync(request);
        var dryRun = CreateUpdateHandler.IsDryRun(request);
        var manager = WritePipeline.ManagerOf(request);
        JsonObject result;
        var created = false;
        if (isApply)
        {
            var applied = ParseApplyBody(type, text);
            CreateUpdateHandler.CheckNamespace(request, applied);
            CreateUpdateHandler.CheckFieldValidation(request, applied);
            var force = request.QueryBool("force");
            var precondition = applied.GetString("metadata", "resourceVersion");
            (result, created) = pipeline.Update(request, WriteKind.Apply, current =>
            {
                var merged = ServerSideApply.Apply(type, request.Subresource, current, applied, manager, force, context.Now);
                merged["apiVersion"] = type.GroupVersion;
                merged["kind"] = type.Kind;
                if (precondition is null)
                {
                    merged["metadata"]?.AsObject().Remove("resourceVersion");
                }
                else
                {
                    merged.Metadata()["resourceVersion"] = precondition;
                }
                return merged;
            }, manager, dryRun);
        }
        else
        {
            var patch = ParsePatch(text, mediaType);
            (result, _) = pipeline.Update(request, WriteKind.Patch, current => ApplyPatch(mediaType, current!, patch), manager, dryRun);
        }
        await Responses.WriteJsonAsync(request.Http, created ? 201 : 200, ClientView.Of(type, result), request.Aborted);
    }

    private static JsonObject ApplyPatch(string mediaType, JsonObject current, JsonNode patch)
    {
        var currentRv = current.GetString("metadata", "resourceVersion");
        JsonNode? patched;
        if (mediaType == "application/json-patch+json")
        {
            patched = JsonPatch.Apply(current, (JsonArray)patch);
            if (patched.GetString("metadata", "resourceVersion") == currentRv)
            {
                // Untouched resourceVersion: no precondition (only a changed one conflicts).
                patched["metadata"]?.AsObject().Remove("resourceVersion");
            }
        }
        else
        {
            current.Metadata().Remove("resourceVersion");
            patched = mediaType == "application/merge-patch+json" ? MergePatch.Apply(current, patch) : StrategicMergePatch.Apply(current, patch);
        }
        return patched as JsonObject ?? throw StatusFactory.BadRequest("the patch must produce an object");
    }

    private static void CheckOptions(ApiRequest request, bool isApply)
    {
        var manager = request.Query("fieldManager");
        var problems = new List<StatusFactory.Cause>();
        if (isApply && manager.Length == 0)
        {
            problems.Add(NameValidation.Required("fieldManager", "is required for apply patch"));
        }
        if (!isApply && request.HasQuery("force"))
        {
            problems.Add(NameValidation.Forbidden("force", "may not be specified for non-apply patch"));
        }
        if (manager.Length > 128)
        {
            problems.Add(new("FieldValueTooLong", "fieldManager", $"fieldManager: Too long: may not be more than 128 bytes"));
        }
        if (problems.Count > 0)
        {
            throw StatusFactory.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", "", problems);
        }
    }

    private static JsonNode ParsePatch(string text, string mediaType)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: JsonLimits.Document);
            if (mediaType == "application/json-patch+json" ? node is not JsonArray : node is not JsonObject)
            {
                throw StatusFactory.BadRequest(mediaType == "application/json-patch+json"
                    ? "json: cannot unmarshal object into Go value of type jsonpatch.Patch"
                    : "error decoding patch: json: cannot unmarshal into Go value of type map[string]interface {}");
            }
            return node;
        }
        catch (JsonException e)
        {
            throw StatusFactory.BadRequest($"error decoding patch: {e.Message.Split('\n')[0]}");
        }
    }

    private static JsonObject ParseApplyBody(ResourceType type, string text)
    {
        var applied = BodyReader.Parse(text, yaml: true, type);
        var apiVersion = applied.GetString("apiVersion") ?? "";
        var kind = applied.GetString("kind") ?? "";
        if (apiVersion != type.GroupVersion)
        {
            throw StatusFactory.BadRequest($"Incorrect version specified in apply patch. Specified patch version: {apiVersion}, expected: {type.GroupVersion}");
        }
        if (kind != type.Kind)
        {
            throw StatusFactory.BadRequest($"invalid object type: {type.Group}/{type.Version}, Kind={kind}");
        }
        if (applied.Get("metadata", "managedFields") is not null)
        {
            throw StatusFactory.BadRequest("metadata.managedFields must be nil");
        }
        return applied;
    }
}
