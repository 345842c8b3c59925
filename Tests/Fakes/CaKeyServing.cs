using System.Collections.Immutable;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using Moq;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// The applier reads each CA Secret from the API server before it signs (the caches hold no CA key): a mock of the
/// API seam answers those reads from the test world, with copies, since the applier wipes what it read.
/// </summary>
public static class CaKeyServing
{
    public static Mock<IKubeApi> ServesCaKeys(this Mock<IKubeApi> api, TestWorld world)
    {
        api.Setup(a => a.GetSecretAsync(It.Is<ObjectRef>(r => r.Name.EndsWith("-ca", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ObjectRef secret, CancellationToken _) => world.Secret(secret.Namespace, secret.Name) is { } found
                ? found with { Data = found.Data.ToImmutableDictionary(p => p.Key, p => p.Value.ToArray()) }
                : null);
        return api;
    }
}
