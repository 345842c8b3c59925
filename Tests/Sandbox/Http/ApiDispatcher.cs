using System.Text.Json.Nodes;
using KamajiKubeconfig.Sandbox.Api;
using KamajiKubeconfig.Sandbox.Auth;
using KamajiKubeconfig.Sandbox.Discovery;
using KamajiKubeconfig.Sandbox.Http.Handlers;
using Microsoft.AspNetCore.Http;

namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>The one request entry point: authenticate, fault-inject, route, authorize, handle, and answer errors as Status.</summary>
public sealed class ApiDispatcher
{
    private readonly SandboxContext _context;
    private readonly ReadHandler _read;
    private readonly WatchHandler _watch;
    private readonly CreateUpdateHandler _write;
    private readonly PatchHandler _patch;
    private readonly DeleteHandler _delete;
    private readonly AccessReviewHandler _reviews;
    private readonly Func<HttpContext, UserInfo, Task>? _adminEndpoint;

    public ApiDispatcher(SandboxContext context, Func<HttpContext, UserInfo, Task>? adminEndpoint = null)
    {
        _context = context;
        var pipeline = new WritePipeline(context);
        _read = new ReadHandler(context);
        _watch = new WatchHandler(context);
        _write = new CreateUpdateHandler(pipeline);
        _patch = new PatchHandler(context, pipeline);
        _delete = new DeleteHandler(context, _read);
        _reviews = new AccessReviewHandler(context);
        _adminEndpoint = adminEndpoint;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            var user = _context.Authenticator.Authenticate(http) ?? throw StatusFactory.Unauthorized();
            user = Impersonation.Apply(http, user, _context.Authorizer);
            var path = http.Request.Path.Value ?? "/";
            if (path.StartsWith("/sandbox/", StringComparison.Ordinal) && _adminEndpoint is not null)
            {
                await _adminEndpoint(http, user);
                return;
            }
            if (_context.Faults.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_context.Faults.Latency, _context.Clock, cancellationToken);
            }
            var request = RequestRouter.Route(http, _context.Registry, user);
            if (request is null)
            {
                await HandleNonResourceAsync(http, user, path, cancellationToken);
                return;
            }
            if (user.Name == UserInfo.Anonymous.Name)
            {
                throw StatusFactory.Unauthorized();
            }
            _context.Requests.Record(user.Name, request.Verb,
                request.Subresource is null ? request.Type.Plural : $"{request.Type.Plural}/{request.Subresource}");
            var attributes = new AuthorizationAttributes(request.Verb, request.Type.Group, request.Type.Plural, request.Subresource ?? "",
                request.Namespace ?? "", request.Name ?? "");
            if (!_context.Authorizer.Allows(user, attributes, out _))
            {
                throw RbacAuthorizer.Forbidden(user, attributes);
            }
            RbacEscalation.Begin(user);
            var fault = await _context.Faults.TakeAsync(request, cancellationToken);
            if (fault is not null)
            {
                throw fault;
            }
            Warnings.Begin(enabled: request.Query("fieldValidation") is "" or "Warn");
            await HandleResourceAsync(request);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await Responses.WriteStatusAsync(http, e, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            await Responses.WriteStatusAsync(http, StatusFactory.InternalError(e.GetType().Name + ": " + e.Message), cancellationToken);
        }
    }

    private Task HandleResourceAsync(ApiRequest request)
    {
        if (request.Type == BuiltInTypes.SelfSubjectAccessReviews || request.Type == BuiltInTypes.SelfSubjectRulesReviews || request.Type == BuiltInTypes.SelfSubjectReviews)
        {
            return request.Verb == "create" ? _reviews.CreateAsync(request) : throw StatusFactory.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
        return request.Verb switch
        {
            "get" => _read.GetAsync(request),
            "list" => _read.ListAsync(request),
            "watch" => _watch.WatchAsync(request),
            "create" => _write.CreateAsync(request),
            "update" => _write.UpdateAsync(request),
            "patch" => _patch.PatchAsync(request),
            "delete" => _delete.DeleteAsync(request),
            "deletecollection" => _delete.DeleteCollectionAsync(request),
            _ => throw StatusFactory.MethodNotAllowed("the server does not allow this method on the requested resource"),
        };
    }

    private async Task HandleNonResourceAsync(HttpContext http, UserInfo user, string path, CancellationToken cancellationToken)
    {
        var attributes = new AuthorizationAttributes(http.Request.Method.ToLowerInvariant(), NonResourcePath: path);
        if (!_context.Authorizer.Allows(user, attributes, out _))
        {
            throw RbacAuthorizer.Forbidden(user, attributes);
        }
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["openapi", "v2"])
        {
            var document = OpenApiV2.Document(_context.Registry);
            if (http.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
            {
                http.Response.ContentType = OpenApiV2.ProtobufType;
                await http.Response.Body.WriteAsync(OpenApiV2.Protobuf(document), cancellationToken);
                return;
            }
            await Responses.WriteJsonAsync(http, 200, document, cancellationToken);
            return;
        }
        if (segments is ["api"] or ["apis"] && AggregatedDiscovery.Wanted(http))
        {
            await Responses.WriteJsonAsync(http, 200, AggregatedDiscovery.List(_context.Registry, core: segments[0] == "api"), cancellationToken, AggregatedDiscovery.ContentType);
            return;
        }
        JsonNode? body = segments switch
        {
            ["version"] => DiscoveryDocuments.Version(),
            ["api"] => DiscoveryDocuments.CoreVersions($"{_context.BaseAddress.Host}:{_context.BaseAddress.Port}"),
            ["apis"] => DiscoveryDocuments.GroupList(_context.Registry),
            ["api", var v] => DiscoveryDocuments.ResourceList(_context.Registry, "", v),
            ["apis", var g] when _context.Registry.Groups.Contains(g) => DiscoveryDocuments.Group(_context.Registry, g),
            ["apis", var g, var v] => DiscoveryDocuments.ResourceList(_context.Registry, g, v),
            ["openapi", "v3"] => OpenApiDocuments.Index(_context.Registry),
            ["openapi", "v3", "api", var v] => OpenApiDocuments.GroupVersion(_context.Registry, "", v),
            ["openapi", "v3", "apis", var g, var v] => OpenApiDocuments.GroupVersion(_context.Registry, g, v),
            _ => null,
        };
        if (segments is ["healthz" or "livez" or "readyz"])
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("ok", cancellationToken);
            return;
        }
        if (body is null)
        {
            http.Response.StatusCode = 404;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("404 page not found\n", cancellationToken);
            return;
        }
        await Responses.WriteJsonAsync(http, 200, body, cancellationToken);
    }

}
