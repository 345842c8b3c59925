namespace KamajiKubeconfig.Tests.Reconcile;

/// <summary>Go duration syntax, as Kamaji's flags and our <c>spec.certificate.validity</c> accept it.</summary>
public class GoDurationTests
{
    [TestCase("8760h", 8760 * 3600)]
    [TestCase("24h", 86400)]
    [TestCase("1h30m", 5400)]
    [TestCase("90s", 90)]
    [TestCase("1.5h", 5400)]
    [TestCase("2h0m0s", 7200)]
    public void TryParse_ValidDuration_GivesSeconds(string text, int seconds)
    {
        Assert.That(GoDuration.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("1d")]
    [TestCase("h")]
    [TestCase("-1h")]
    [TestCase("1h ")]
    public void TryParse_InvalidDuration_Fails(string text) =>
        Assert.That(GoDuration.TryParse(text, out _), Is.False);

    [TestCase(86400, "24h0m0s")]
    [TestCase(60, "1m0s")]
    [TestCase(30, "30s")]
    public void Format_WholeSeconds_MatchesGo(int seconds, string expected) =>
        Assert.That(GoDuration.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
}
