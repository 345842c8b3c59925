using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KamajiKubeconfig.Sandbox.Tests;

/// <summary>Asserts on API errors the way callers see them: HttpOperationException with a Status body (B8).</summary>
public static class ApiAssert
{
    public static async Task<V1Status> FailsAsync(Func<Task> call, int code, string reason)
    {
        var error = Assert.ThrowsAsync<HttpOperationException>(async () => await call());
        Assert.That((int)error!.Response.StatusCode, Is.EqualTo(code), error.Response.Content);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Multiple(() =>
        {
            Assert.That(status.Kind, Is.EqualTo("Status"));
            Assert.That(status.Code, Is.EqualTo(code));
            Assert.That(status.Reason, Is.EqualTo(reason));
        });
        await Task.CompletedTask;
        return status;
    }
}
