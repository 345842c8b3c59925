using System.Text.Json;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>Issue 14 (3): a skipped object gets one Warning Event on itself per resourceVersion.</summary>
public class PoisonObjectReporterTests
{
    private static JsonElement Tcp(string resourceVersion) => JsonDocument.Parse(
        $$$"""{"apiVersion":"kamaji.clastix.io/v1alpha1","kind":"TenantControlPlane","metadata":{"name":"t","namespace":"ns","uid":"u-1","resourceVersion":"{{{resourceVersion}}}"}}""").RootElement;

    [Test]
    public void Report_SameObjectAndVersionTwice_OneEventOnTheObject()
    {
        var api = new Mock<IKubeApi>();
        var reporter = new PoisonObjectReporter(api.Object, NullLogger<PoisonObjectReporter>.Instance);

        reporter.Report("tenantcontrolplanes", Tcp("5"), new FormatException("bad"));
        reporter.Report("tenantcontrolplanes", Tcp("5"), new FormatException("bad"));
        reporter.Report("tenantcontrolplanes", Tcp("6"), new FormatException("bad"));

        api.Verify(a => a.RecordWarningAsync(new EventSubject("kamaji.clastix.io/v1alpha1", "TenantControlPlane", "ns", "t", "u-1"),
            PoisonObjectReporter.Reason, It.Is<string>(m => m.Contains("FormatException: bad")), CancellationToken.None), Times.Exactly(2));
    }

    [Test]
    public void Report_NoName_NothingToHangAnEventOn()
    {
        var api = new Mock<IKubeApi>(MockBehavior.Strict);

        new PoisonObjectReporter(api.Object, NullLogger<PoisonObjectReporter>.Instance).Report("x", JsonDocument.Parse("[]").RootElement, new FormatException());

        api.VerifyNoOtherCalls();
    }
}
