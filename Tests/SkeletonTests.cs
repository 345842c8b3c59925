namespace KamajiKubeconfig.Tests;

public class SkeletonTests
{
    [Test]
    public void Build_ProducesTheKamajiBinaryName() =>
        Assert.That(typeof(KamajiKubeconfig.Controller.ProgramMarker).Assembly.GetName().Name, Is.EqualTo("kubeconfig-generator"));
}
