using k8s;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Controller.Observability;
using KamajiKubeconfig.Informers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Before anything decodes JSON: the client's options freeze at first use.
KubernetesDecoding.Configure();
var options = CommandLine.Parse(args, Environment.GetEnvironmentVariable, out var error);
if (error is not null)
{
    await Console.Error.WriteLineAsync(error == "help requested" ? CommandLine.Usage : $"{error}\n\n{CommandLine.Usage}");
    return error == "help requested" ? 0 : 2;
}

// Configuration from the environment alone (e.g. Logging__LogLevel__Default=Debug), and Kestrel with only the two
// listeners of ObservabilityServer: ASPNETCORE_HTTP_PORTS, which the container image sets, is not read.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.Configuration.AddEnvironmentVariables();
builder.WebHost.UseKestrelCore();
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
if (options.LogFormat == "json")
{
    builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ ");
}
else
{
    builder.Logging.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ ";
        o.UseUtcTimestamp = true;
    });
}
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
using var client = new Kubernetes(KubernetesConfig.Build(options.Kubeconfig));
var identity = $"{Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName}_{Guid.NewGuid():N}";
builder.Services.AddKubeconfigGenerator(options, client, identity);
await using var app = builder.Build();
app.MapObservability();
await app.RunAsync();
return 0;
