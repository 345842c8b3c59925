using KamajiKubeconfig.Benchmarks;
using KamajiKubeconfig.Benchmarks.Harness;
using KamajiKubeconfig.Benchmarks.Report;

// `make bench` (and, at N = 50, `make test`): runs every scenario, writes the JSON, prints the tables.
// Usage: KamajiKubeconfig.Benchmarks [--smoke] [--out PATH] [--logs DIR] [--small N] [--large N] [--events N] [--latency N]
//        [--rsa-latency N] [--idle SECONDS] [--memory-limit-mi N]
//    or: KamajiKubeconfig.Benchmarks --serve N KUBECONFIG: a sandbox seeded with N ready tenants, serving until killed,
//        its controller kubeconfig at KUBECONFIG: start (or profile) a controller build against a large cluster by hand.
if (args is ["--serve", var count, var kubeconfigPath])
{
    await using var served = await BenchSandbox.StartAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.FromMinutes(30));
    Console.WriteLine($"serving {count} tenants; controller kubeconfig: {served.WriteControllerKubeconfig(Path.GetFullPath(kubeconfigPath))}");
    await Task.Delay(Timeout.Infinite);
}

var plan = args.Contains("--smoke") ? BenchPlan.Smoke : BenchPlan.Full;
var output = Path.Combine(Repository.Root, "bench", "results.json");
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--smoke":
            break;
        case "--out":
            output = Path.GetFullPath(args[++i]);
            break;
        case "--logs":
            plan = plan with { LogDirectory = Path.GetFullPath(args[++i]) };
            break;
        default:
            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"{args[i]}: a value is missing");
                return 2;
            }
            plan = plan.With(args[i], args[++i]);
            break;
    }
}

Console.WriteLine($"bench ({plan.Name}): 0 / {plan.SmallTenants} / {plan.LargeTenants} tenants, controller {ControllerProcess.DllPath}, logs in {plan.LogDirectory}");
try
{
    var results = await BenchRunner.RunAsync(plan, new ProgressLog(Console.Out));
    ResultsFile.Write(results, output);
    Console.WriteLine();
    ResultsTable.Write(results, Console.Out);
    Console.WriteLine($"written to {output}");
    return 0;
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench failed: {e.Message}");
    return 1;
}
