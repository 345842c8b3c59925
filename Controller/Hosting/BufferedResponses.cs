using Microsoft.AspNetCore.WebUtilities;

namespace KamajiKubeconfig.Controller.Hosting;

/// <summary>
/// Reads the body of every answer that is one object (a GET of a Secret, an apply, a create) into memory before the
/// Kubernetes client decodes it. The client decodes bodies synchronously from the network stream, so over HTTP/2
/// each wait for the next data frame blocked a thread-pool thread, spinning before it slept; a convergence reads
/// one CA key and writes one Secret per tenant. Lists (asked for in pages, with <c>limit</c>) and watches (endless)
/// stay streams: a page is megabytes, and decoding it as it arrives keeps it out of memory twice.
/// </summary>
internal sealed class BufferedResponses : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (IsCollection(request.RequestUri))
        {
            return response;
        }
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsCollection(Uri? uri)
    {
        var query = uri is null ? [] : QueryHelpers.ParseQuery(uri.Query);
        return uri is null || query.ContainsKey("limit") || query.ContainsKey("watch");
    }
}
