using System.Collections.Immutable;
using System.Globalization;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Issuing;
using KamajiKubeconfig.Reconcile;
using KamajiKubeconfig.Tests.Builders;
using Moq;

namespace KamajiKubeconfig.Tests.Applier;

/// <summary>
/// A pass issues in batches, each written while the next is issued: at no moment does the process hold the CA keys
/// and new client keys of more than two batches, whatever the number of tenants.
/// </summary>
public class PlanExecutorBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Execute_NineTenantsInBatchesOfTwo_NeverHoldsMoreThanTwoBatchesUnwritten()
    {
        var world = new TestWorld();
        for (var i = 0; i < 9; i++)
        {
            world.Tenant("ns", $"t{i}");
        }
        var generator = new GeneratorBuilder("g").Build();
        var api = new Mock<IKubeApi>(MockBehavior.Strict);
        // CA keys read and not yet written as kubeconfigs: what a batch keeps in memory.
        int unwritten = 0, most = 0, reads = 0;
        // The n-th CA read, by n: a batch's writes wait for the next batch's first read, so the overlap this test
        // bounds happens on every run instead of when the thread pool happens to schedule it.
        var readNumber = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        api.Setup(a => a.GetSecretAsync(It.Is<ObjectRef>(r => r.Name.EndsWith("-ca", StringComparison.Ordinal)), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ObjectRef secret, CancellationToken _) =>
            {
                lock (world)
                {
                    most = Math.Max(most, ++unwritten);
                    readNumber[++reads].SetResult();
                }
                // A copy: the pass wipes what it read.
                var found = world.Secret(secret.Namespace, secret.Name)!;
                return found with { Data = found.Data.ToImmutableDictionary(p => p.Key, p => p.Value.ToArray()) };
            });
        api.Setup(a => a.CreateSecretAsync(It.IsAny<DesiredSecret>(), It.IsAny<CancellationToken>()))
            .Returns(async (DesiredSecret secret, CancellationToken _) =>
            {
                // Tenant t{i} is in batch i / 2, whose successor starts with read 2 * (i / 2 + 1) + 1 (the last batch has none).
                var tenant = int.Parse(secret.Ref.Name[1..secret.Ref.Name.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                await readNumber[Math.Min(9, (2 * ((tenant / 2) + 1)) + 1)].Task;
                lock (world)
                {
                    unwritten--;
                }
                return (SecretInfo?)null;
            });
        GeneratorStatus? written = null;
        api.Setup(a => a.ApplyStatusAsync("g", It.IsAny<GeneratorStatus>(), It.IsAny<CancellationToken>()))
            .Callback<string, GeneratorStatus, CancellationToken>((_, s, _) => written = s).ReturnsAsync((GeneratorStatus?)null);
        var executor = new PlanExecutor(api.Object, new KubeconfigIssuing(world.Issuer, 2), new SecretWriter(api.Object), 4, issueBatch: 2);

        var report = await executor.ExecuteAsync(generator, world.Reconcile(generator, Now), Now, CancellationToken.None);

        Assert.That(report.Issued.Values.Sum(), Is.EqualTo(9));
        Assert.That((written!.Resources, written.AvailableResources), Is.EqualTo((9, 9)));
        Assert.That(most, Is.InRange(3, 4), "two batches at most, and more than one: the next batch is read while this one is written");
    }
}
