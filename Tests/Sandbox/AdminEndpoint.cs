using System.Text.Json;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Http;
using KamajiKubeconfig.Sandbox.Json;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox;

/// <summary>
/// POST /sandbox/faults and /sandbox/kamaji (admin token only): the in-process hooks over HTTP, for tests that run the
/// sandbox as a separate process. See README for the bodies.
/// </summary>
public sealed class AdminEndpoint(SandboxServer server)
{
    public async Task HandleAsync(HttpContext http, UserInfo user)
    {
        var cancellationToken = http.RequestAborted;
        if (user.Name != "sandbox-admin")
        {
            throw new ApiException(StatusFactory.Failure(403, "Forbidden", "the sandbox admin endpoints need the admin token", new JsonObject()));
        }
        if (http.Request.Method != "POST")
        {
            throw StatusFactory.MethodNotAllowed("POST only");
        }
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            throw StatusFactory.BadRequest(e.Message);
        }
        var path = http.Request.Path.Value;
        if (path == "/sandbox/faults")
        {
            if (await ApplyFaultAsync(body, cancellationToken) is { } answer)
            {
                await Responses.WriteJsonAsync(http, 200, answer, cancellationToken);
                return;
            }
        }
        else if (path == "/sandbox/kamaji")
        {
            if (body["enabled"] is JsonValue enabled)
            {
                server.Kamaji.Enabled = enabled.GetValue<bool>();
            }
            if (body["rotate"] is JsonObject rotate)
            {
                server.Kamaji.RotateCa(rotate.GetString("namespace") ?? "", rotate.GetString("name") ?? "");
            }
        }
        else if (path == "/sandbox/rbac")
        {
            if (body["enabled"] is JsonValue enabled)
            {
                server.Rbac.Enabled = enabled.GetValue<bool>();
            }
        }
        else if (path == "/sandbox/users")
        {
            // Mints a bearer token for a user (or service account) and answers with a ready kubeconfig.
            var groups = body["groups"].StringList().ToArray();
            var token = body.GetString("serviceAccount", "name") is { } sa
                ? server.AddServiceAccount(body.GetString("serviceAccount", "namespace") ?? "default", sa)
                : server.AddUser(body.GetString("user") ?? "user", groups);
            await Responses.WriteJsonAsync(http, 200, new JsonObject { ["token"] = token, ["kubeconfig"] = server.Kubeconfig(token) }, cancellationToken);
            return;
        }
        else
        {
            throw new ApiException(StatusFactory.Failure(404, "NotFound", "unknown sandbox endpoint", new JsonObject()));
        }
        await Responses.WriteJsonAsync(http, 200, new JsonObject { ["ok"] = true }, cancellationToken);
    }

    private async Task<JsonObject?> ApplyFaultAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var faults = server.Faults;
        switch (body.GetString("action"))
        {
            case "fail":
                faults.FailNext(body["count"]?.GetValue<int>() ?? 1, body["code"]?.GetValue<int>() ?? 500,
                    body.GetString("verb"), body.GetString("resource"), body["retryAfterSeconds"]?.GetValue<int>() ?? 1);
                break;
            case "latency":
                faults.Latency = TimeSpan.FromMilliseconds(body["milliseconds"]?.GetValue<int>() ?? 0);
                break;
            case "closeWatches":
                server.Context.Store.CloseAllWatches();
                break;
            case "compact":
                server.Context.Store.Compact();
                break;
            case "clear":
                faults.Clear();
                break;
            case "restart":
                // Answer first, then go away: the restart happens in the background.
                var downtime = TimeSpan.FromMilliseconds(body["downtimeMilliseconds"]?.GetValue<int>() ?? 1000);
                _ = Task.Run(async () =>
                {
                    await Task.Delay(100, CancellationToken.None);
                    await server.RestartAsync(downtime, CancellationToken.None);
                }, CancellationToken.None);
                break;
            default:
                return Faults.FaultCommands.Apply(server, body)
                    ?? throw StatusFactory.BadRequest("action must be one of fail, latency, closeWatches, compact, clear, restart, rule, userLatency, expire, requests, ledger, clock");
        }
        await Task.CompletedTask.WaitAsync(cancellationToken);
        return null;
    }
}
