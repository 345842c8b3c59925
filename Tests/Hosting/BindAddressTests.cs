using System.Net;
using KamajiKubeconfig.Controller.Hosting;

namespace KamajiKubeconfig.Tests.Hosting;

/// <summary>Go's <c>host:port</c> forms as controller-runtime's flags accept them.</summary>
public class BindAddressTests
{
    [TestCase(":8090", "::", 8090)]
    [TestCase("127.0.0.1:8090", "127.0.0.1", 8090)]
    [TestCase("0.0.0.0:8091", "0.0.0.0", 8091)]
    [TestCase("[::1]:8090", "::1", 8090)]
    [TestCase("[::]:0", "::", 0)]
    [TestCase("localhost:9000", "127.0.0.1", 9000)]
    [TestCase(":0", "::", 0)]
    public void TryParse_HostPort_GivesInterfaceAndPort(string text, string host, int port)
    {
        Assert.That(BindAddress.TryParse(text, out var endpoint), Is.True);
        Assert.That(endpoint, Is.EqualTo(new IPEndPoint(IPAddress.Parse(host), port)));
    }

    [TestCase("0")]
    [TestCase("")]
    public void TryParse_ZeroOrEmpty_DisablesTheServer(string text)
    {
        Assert.That(BindAddress.TryParse(text, out var endpoint), Is.True);
        Assert.That(endpoint, Is.Null);
    }

    /// <summary>The message naming the value and the flag: <see cref="CommandLineTests"/>.</summary>
    [TestCase("8090")]
    [TestCase(":http")]
    [TestCase(":-1")]
    [TestCase(":65536")]
    [TestCase("::1:8090")]
    [TestCase("[127.0.0.1]:8090")]
    [TestCase("metrics.example.com:8090")]
    [TestCase("127.0.0.1:")]
    public void TryParse_Malformed_IsRefused(string text)
    {
        Assert.That(BindAddress.TryParse(text, out var endpoint), Is.False);
        Assert.That(endpoint, Is.Null);
    }
}
