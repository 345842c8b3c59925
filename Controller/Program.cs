using k8s;
using KamajiKubeconfig.Controller.Hosting;
using KamajiKubeconfig.Informers;
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

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
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
using var host = builder.Build();
await host.RunAsync();
return 0;
