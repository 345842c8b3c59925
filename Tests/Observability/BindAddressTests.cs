using System.Net;
using KamajiKubeconfig.Controller.Observability;

namespace KamajiKubeconfig.Tests.Observability;

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
    public void Parse_HostPort_GivesInterfaceAndPort(string text, string host, int port)
    {
        Assert.That(BindAddress.Parse(text), Is.EqualTo(new IPEndPoint(IPAddress.Parse(host), port)));
    }

    [TestCase("0")]
    [TestCase("")]
    public void Parse_ZeroOrEmpty_DisablesTheServer(string text)
    {
        Assert.That(BindAddress.Parse(text), Is.Null);
    }

    [TestCase("8090")]
    [TestCase(":http")]
    [TestCase(":-1")]
    [TestCase(":65536")]
    [TestCase("::1:8090")]
    [TestCase("[127.0.0.1]:8090")]
    [TestCase("metrics.example.com:8090")]
    [TestCase("127.0.0.1:")]
    public void Parse_Malformed_ThrowsFormatExceptionNamingTheValue(string text)
    {
        var error = Assert.Throws<FormatException>(() => BindAddress.Parse(text));

        Assert.That(error!.Message, Does.Contain($"'{text}'"));
    }
}
