using System.Net;
using KamajiKubeconfig.Controller.Hosting;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>docs/behaviour.md A6: Kamaji's flags, names, defaults and syntax.</summary>
public class CommandLineTests
{
    private static ControllerOptions Parse(params string[] args) => Parse(args, _ => null, out _);

    private static ControllerOptions Parse(string[] args, Func<string, string?> env, out string? error) =>
        CommandLine.Parse(args, env, out error);

    private static string? ErrorOf(params string[] args)
    {
        Parse(args, _ => null, out var error);
        return error;
    }

    [Test]
    public void Parse_NoFlags_GivesKamajisDefaults()
    {
        var options = Parse();

        Assert.That(options, Has.Property("MetricsBindAddress").EqualTo(new IPEndPoint(IPAddress.IPv6Any, 8090))
            .And.Property("HealthProbeBindAddress").EqualTo(new IPEndPoint(IPAddress.IPv6Any, 8091))
            .And.Property("LeaderElect").True
            .And.Property("CacheResyncPeriod").EqualTo(TimeSpan.FromHours(10))
            .And.Property("CertificateExpirationDeadline").EqualTo(TimeSpan.FromHours(24))
            .And.Property("LogFormat").EqualTo("text"));
    }

    [Test]
    public void Parse_LeadingSubcommandWord_IsAccepted() =>
        Assert.That(Parse("kubeconfig-generator", "--health-probe-bind-address=:8081").HealthProbeBindAddress, Is.EqualTo(new IPEndPoint(IPAddress.IPv6Any, 8081)));

    [Test]
    public void Parse_SpaceSeparatedValueAndSingleDash_Work()
    {
        var options = Parse("--metrics-bind-address", "127.0.0.1:9000", "-workers", "8");

        Assert.That((options.MetricsBindAddress, options.Workers), Is.EqualTo((new IPEndPoint(IPAddress.Loopback, 9000), 8)));
    }

    [Test]
    public void Parse_BindAddressZeroOrEmpty_DisablesThatServerOnly()
    {
        var metricsOff = Parse("--metrics-bind-address=0");
        var probesOff = Parse("--health-probe-bind-address=");

        Assert.Multiple(() =>
        {
            Assert.That(metricsOff.MetricsBindAddress, Is.Null);
            Assert.That(metricsOff.HealthProbeBindAddress, Is.EqualTo(new IPEndPoint(IPAddress.IPv6Any, 8091)));
            Assert.That(probesOff.HealthProbeBindAddress, Is.Null);
            Assert.That(probesOff.MetricsBindAddress, Is.EqualTo(new IPEndPoint(IPAddress.IPv6Any, 8090)));
        });
    }

    [TestCase("metrics-bind-address", "8090")]
    [TestCase("metrics-bind-address", ":http")]
    [TestCase("metrics-bind-address", ":-1")]
    [TestCase("metrics-bind-address", ":65536")]
    [TestCase("health-probe-bind-address", "::1:8090")]
    [TestCase("health-probe-bind-address", "[127.0.0.1]:8090")]
    [TestCase("health-probe-bind-address", "metrics.example.com:8090")]
    [TestCase("health-probe-bind-address", "127.0.0.1:")]
    public void Parse_MalformedBindAddress_IsRefusedAsAFlagError(string flag, string value) =>
        Assert.That(ErrorOf($"--{flag}={value}"), Is.EqualTo(
            $"invalid value \"{value}\" for flag -{flag}: want host:port with an empty host, localhost or an IP address, e.g. ':8090', '127.0.0.1:8090' or '[::1]:8090' ('0' disables)"));

    [TestCase(new[] { "--leader-elect" }, true)]
    [TestCase(new[] { "--leader-elect=false" }, false)]
    [TestCase(new[] { "--leader-elect=true" }, true)]
    [TestCase(new[] { "-leader-elect=0" }, false)]
    public void Parse_LeaderElect_IsAGoBoolean(string[] args, bool expected) =>
        Assert.That(Parse(args).LeaderElect, Is.EqualTo(expected));

    [Test]
    public void Parse_PodNamespace_DefaultsToTheEnvironment()
    {
        var options = Parse([], name => name == "POD_NAMESPACE" ? "kamaji-system" : null, out _);

        Assert.That(options.PodNamespace, Is.EqualTo("kamaji-system"));
    }

    [Test]
    public void Parse_PodNamespaceFlag_OverridesTheEnvironment() =>
        Assert.That(Parse(["--pod-namespace=x"], _ => "env", out _).PodNamespace, Is.EqualTo("x"));

    [Test]
    public void Parse_Durations_AcceptGoSyntax()
    {
        var options = Parse("--cache-resync-period=1h30m", "--certificate-expiration-deadline", "720h");

        Assert.That((options.CacheResyncPeriod, options.CertificateExpirationDeadline), Is.EqualTo((TimeSpan.FromMinutes(90), TimeSpan.FromDays(30))));
    }

    [Test]
    public void Parse_DeadlineBelow24h_IsRefused() =>
        Assert.That(ErrorOf("--certificate-expiration-deadline=23h"), Is.EqualTo("--certificate-expiration-deadline must be at least 24h0m0s, got 23h"));

    [Test]
    public void Parse_BadDuration_IsRefused() =>
        Assert.That(ErrorOf("--cache-resync-period=soon"), Is.EqualTo("invalid value \"soon\" for flag -cache-resync-period: parse error"));

    [Test]
    public void Parse_UnknownFlag_IsRefusedInGosWords() =>
        Assert.That(ErrorOf("--frobnicate=1"), Is.EqualTo("flag provided but not defined: -frobnicate"));

    [Test]
    public void Parse_MissingValue_IsRefused() =>
        Assert.That(ErrorOf("--kubeconfig"), Is.EqualTo("flag needs an argument: -kubeconfig"));

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("many")]
    public void Parse_BadWorkers_IsRefused(string workers) =>
        Assert.That(ErrorOf("--workers", workers), Does.StartWith("invalid value"));

    [Test]
    public void Parse_BadLogFormat_IsRefused() =>
        Assert.That(ErrorOf("--log-format=xml"), Is.EqualTo("invalid value \"xml\" for flag -log-format: must be text or json"));

    [Test]
    public void Parse_ZapFlagsFromKamajisChart_AreAcceptedAndReported()
    {
        var options = Parse(["--zap-devel", "--zap-log-level=debug", "--zap-encoder", "json", "--workers=2"], _ => null, out var error);

        Assert.That(error, Is.Null);
        Assert.That(options.IgnoredFlags, Is.EqualTo(new[] { "zap-devel", "zap-log-level", "zap-encoder" }));
        Assert.That(options.Workers, Is.EqualTo(2));
    }

    [Test]
    public void Parse_PositionalArgument_IsRefused() =>
        Assert.That(ErrorOf("--workers=2", "extra"), Is.EqualTo("unexpected argument \"extra\""));
}
