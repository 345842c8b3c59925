using KamajiKubeconfig.Benchmarks.Results;

namespace KamajiKubeconfig.Benchmarks.Report;

/// <summary>Prints every figure of a run, scenario by scenario, then the targets (the same tables bench/README.md logs).</summary>
public static class ResultsTable
{
    public static void Write(BenchResults r, TextWriter w)
    {
        var s = r.Scenarios;
        w.WriteLine($"kubeconfig-generator bench ({r.Settings.Plan}), {r.StartedUtc:yyyy-MM-dd HH:mm} UTC, commit {r.Git.Commit[..Math.Min(12, r.Git.Commit.Length)]}{(r.Git.Dirty ? " (dirty)" : "")}, " +
            $"{r.Machine.Cores} cores, load average {r.Machine.LoadAverage1mStart:F2} -> {r.Machine.LoadAverage1mEnd:F2}, {r.DurationS:F0} s");
        w.WriteLine();

        w.WriteLine("convergence (floor = the same issuances by CertificateIssuer in-process; floor wall = floor CPU / cores)");
        var convergence = new MarkdownTable("case", "tenants", "converged", "wall s", "ctrl CPU s", "ctrl ms/tenant", "floor CPU s", "floor ms/tenant",
            "cpu/floor", "wall/floor", "sandbox CPU s", "ctrl cores", "sandbox cores", "passes", "settle s", "load");
        foreach (var (name, c) in s.Convergence)
        {
            convergence.Row(name, c.Tenants, c.Converged ? "yes" : $"NO ({c.PassErrors} failed passes)", c.WallS, c.ControllerCpuS, c.ControllerCpuMsPerTenant, c.FloorCpuS, c.FloorMsPerTenant,
                c.ControllerCpuOverFloor, c.WallOverFloor, c.SandboxCpuS, c.ControllerCores, c.SandboxCores, c.Passes, c.SettleS, c.LoadAverage1m);
        }
        convergence.Write(w);

        w.WriteLine("steady_event_cost (controller CPU net of its idle CPU; one event at a time, until quiet)");
        var events = new MarkdownTable("level", "kind", "ctrl CPU ms/event", "sandbox CPU ms/event", "wall ms/event", "passes/event", "writes/event");
        foreach (var (level, e) in s.SteadyEventCost.Levels)
        {
            foreach (var (kind, k) in e.Kinds)
            {
                events.Row(level, kind, k.ControllerCpuMsPerEvent, k.SandboxCpuMsPerEvent, k.WallMsPerEvent, k.PassesPerEvent, k.WritesPerEvent);
            }
            events.Row(level, "matters (mean of 3)", e.MattersControllerCpuMsPerEvent, null, null, null, null);
        }
        events.Write(w);
        var steady = s.SteadyEventCost;
        new MarkdownTable("event_cpu_ratio_10k_vs_1k", "irrelevant ratio", "naive pass CPU ms", "memo pass CPU ms", "naive_pass_over_event")
            .Row(steady.EventCpuRatio10kVs1k, steady.IrrelevantEventCpuRatio10kVs1k, steady.NaivePassCpuMs, steady.MemoPassCpuMs, steady.NaivePassOverEvent)
            .Write(w);

        w.WriteLine("new_tenant_latency (Kamaji Secrets ready -> kubeconfig Secret present)");
        var latency = new MarkdownTable("case", "served", "samples", "p50 ms", "p95 ms", "p99 ms", "max ms", "kamaji ready p50 ms", "ctrl CPU ms/tenant", "sandbox CPU ms/tenant");
        foreach (var (name, l) in s.NewTenantLatency)
        {
            latency.Row(name, l.TenantsServed, l.Samples, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, l.KamajiReadyP50Ms, l.ControllerCpuMsPerTenant, l.SandboxCpuMsPerTenant);
        }
        latency.Write(w);

        w.WriteLine("restart (SIGKILL, new process)");
        var restart = s.Restart;
        new MarkdownTable("tenants", "generators", "peak before kill MiB", "ready s", "first pass end s", "startup CPU s", "first pass CPU s", "writes", "RSS after MiB", "peak MiB")
            .Row(restart.Tenants, restart.Generators, restart.RssPeakBeforeKillMib, restart.ReadyS, restart.FirstPassEndS, restart.StartupCpuS, restart.FirstPassCpuS, restart.Writes,
                restart.RssAfterFirstPassMib, restart.RssPeakMib)
            .Write(w);

        w.WriteLine("memory (MiB; KiB per tenant = growth over 0 tenants; idle = end of the idle window)");
        var memory = new MarkdownTable("level", "ready s", "CPU to ready s", "RSS ready", "anon ready", "RSS idle", "anon idle", "peak", "GC heap", "GC committed",
            "KiB/tenant anon", "KiB/tenant RSS", "idle millicores", "peak < limit");
        foreach (var (name, m) in s.Memory)
        {
            memory.Row(name, m.ReadyS, m.CpuAtReadyS, m.RssAtReadyMib, m.RssAnonAtReadyMib, m.RssIdleMib, m.RssAnonIdleMib, m.RssPeakMib, m.GcHeapIdleMib,
                m.GcCommittedIdleMib, m.KibPerTenantAnon, m.KibPerTenantRss, m.IdleControllerMillicores, $"{m.PeakWithinLimit} ({m.MemoryLimitMib:F0})");
        }
        memory.Write(w);

        w.WriteLine("api (writes counted by the sandbox)");
        var api = new MarkdownTable("case", "kubeconfigs", "writes", "writes/kubeconfig", "by kind");
        foreach (var (name, a) in s.Api.Convergence)
        {
            api.Row(name, a.Kubeconfigs, a.Writes, a.WritesPerKubeconfig, string.Join(", ", a.ByKind.Select(p => $"{p.Key}: {p.Value}")));
        }
        foreach (var (name, i) in s.Api.Idle)
        {
            api.Row($"idle {name} ({i.WindowS:F0} s)", null, i.Writes, null, $"{i.Passes} passes");
        }
        api.Write(w);

        w.WriteLine("targets");
        var targets = new MarkdownTable("figure", "value", "target", "met");
        foreach (var t in r.Targets)
        {
            targets.Row(t.Figure, t.Value is { } v ? $"{Cell(v)} {t.Unit}" : null, $"{t.Target} {t.Unit}", t.Met is { } met ? (met ? "yes" : "NO") : "-");
        }
        targets.Write(w);
    }

    private static string Cell(double v) => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.###", System.Globalization.CultureInfo.InvariantCulture);
}
