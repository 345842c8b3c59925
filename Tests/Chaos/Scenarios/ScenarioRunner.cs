using System.Globalization;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.Scenarios;

/// <summary>
/// Runs one fault scenario in a world of its own: arrange and converge, inject, converge within the deadline, then a
/// settle window with no writes allowed, the common invariants (cluster, controllers, key material, panics, waste).
/// </summary>
public static class ScenarioRunner
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<ScenarioResult> RunAsync(FaultScenario scenario, string runDirectory)
    {
        var context = new ScenarioContext();
        double? seconds = null;
        var writes = new List<RequestEntry>();
        var injected = 0;
        var issued = 0;
        ChaosWorld? world = null;
        try
        {
            world = await ChaosWorld.StartAsync(Path.Combine(runDirectory, scenario.Name), scenario.EcdsaCas, scenario.ClockOffset);
            await scenario.ArrangeAsync(world, context);
            var (ready, before) = await world.ConvergeAsync(TimeSpan.FromSeconds(90));
            if (ready is null)
            {
                context.Violations.AddRange(before.Select(v => v with { What = "before the fault: " + v.What }));
            }
            context.LedgerBefore = await world.Control.LedgerAsync();
            context.Mark = await world.Control.LastRequestAsync();
            context.Clock.Start();
            await scenario.InjectAsync(world, context);
            var remaining = scenario.Deadline - context.Clock.Elapsed;
            var (converged, last) = await world.ConvergeAsync(remaining > TimeSpan.FromSeconds(5) ? remaining : TimeSpan.FromSeconds(5));
            seconds = converged is null ? null : context.Clock.Elapsed.TotalSeconds;
            if (converged is null)
            {
                context.Violations.AddRange(last.Select(v => v with { What = $"not converged within {scenario.Deadline.TotalSeconds:0}s: {v.What}" }));
                await NoteControllerStateAsync(world, context);
            }
            await world.Control.ClearAsync();
            await CommonChecksAsync(world, scenario, context);
            await scenario.VerifyAsync(world, context);
            writes = [.. (await world.ControllerWritesSinceAsync(context.Mark)).Where(w => w.Resource != "leases")];
            injected = context.Injected + (await world.Control.RequestsAsync(context.Mark, writesOnly: false, user: null)).Requests.Count(r => r.Injected is not null);
            issued = (await world.Control.LedgerAsync()).IssuedSince(context.LedgerBefore).Values.Sum();
        }
        catch (Exception e)
        {
            context.Fail("harness", $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (world is not null)
            {
                await world.DisposeAsync();
            }
        }
        var byKind = string.Join(", ", writes.GroupBy(w => $"{w.Kind} {w.Verb}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
        return new ScenarioResult(scenario.Name, scenario.Fault, injected, context.Violations.Count == 0 && seconds is not null, seconds,
            writes.Count, byKind, issued, context.Violations, context.Notes);
    }

    /// <summary>What the replicas say about themselves when the world did not converge (passes running, results, queue).</summary>
    private static async Task NoteControllerStateAsync(ChaosWorld world, ScenarioContext context)
    {
        foreach (var controller in world.Controllers.Where(c => !c.HasExited))
        {
            var metrics = await controller.ScrapeAsync() ?? "";
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"{controller.Name} at the deadline: active workers {Metrics.Sum(metrics, "controller_runtime_active_workers")}, reconciles {Metrics.Sum(metrics, "controller_runtime_reconcile_total")} (errors {Metrics.Sum(metrics, "controller_runtime_reconcile_errors_total")}), queue depth {Metrics.Sum(metrics, "workqueue_depth")}, leader {Metrics.Sum(metrics, "leader_election_master_status")}"));
        }
    }

    private static async Task CommonChecksAsync(ChaosWorld world, FaultScenario scenario, ScenarioContext context)
    {
        // A write racing the convergence check (e.g. a status write from a stale cache) is not a loop: 1 s of grace.
        await Task.Delay(1000);
        var settleMark = await world.Control.LastRequestAsync();
        await Task.Delay(Settle);
        // Lease renewals are a leader's heartbeat, not work.
        var loop = (await world.ControllerWritesSinceAsync(settleMark)).Where(w => w.Resource != "leases").ToList();
        if (loop.Count > 0)
        {
            context.Fail("controller", $"kept writing after convergence: {loop.Count} writes in {Settle.TotalSeconds:0}s ({string.Join(", ", loop.Take(4).Select(w => $"{w.Verb} {w.Kind} {w.Namespace}/{w.Name}"))})");
        }
        context.Violations.AddRange(await world.CheckClusterAsync());
        context.Violations.AddRange(await world.CheckControllersAsync());
        context.Violations.AddRange(await world.CheckLeaksAsync());
        foreach (var controller in world.Controllers.Where(c => !c.HasExited))
        {
            var panics = Metrics.Sum(await controller.ScrapeAsync() ?? "", "controller_runtime_reconcile_panics_total");
            if (panics > 0)
            {
                context.Fail(controller.Name, $"controller_runtime_reconcile_panics_total = {panics} (a panic is an unexpected bug; timeouts and API errors are errors)");
            }
        }
        var ledger = await world.Control.LedgerAsync();
        foreach (var (secret, count) in ledger.IssuedSince(context.LedgerBefore))
        {
            var limit = context.CertificateLimits.TryGetValue(secret, out var l) ? l : scenario.MaxCertificatesPerSecret;
            if (count > limit)
            {
                context.Fail(secret, $"received {count} new certificates (at most {limit} needed)");
            }
        }
    }
}
