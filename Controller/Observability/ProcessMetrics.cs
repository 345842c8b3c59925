using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The process series every Prometheus client exports (controller-runtime gets them from client_golang), so the
/// usual "memory and CPU per pod" dashboards and the sizing in the README work unchanged, plus the GC's own view of
/// the managed heap, which tells live data from memory the runtime merely keeps. Read before each scrape.
/// prometheus-net's own process collector names them differently (<c>process_working_set_bytes</c>), hence these.
/// </summary>
internal static class ProcessMetrics
{
    public static CollectorRegistry Register(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var resident = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var virtualMemory = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        var cpu = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        using (var process = Process.GetCurrentProcess())
        {
            factory.CreateGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.")
                .Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        }

        var heapSize = factory.CreateGauge("dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection (live data plus fragmentation).");
        var committed = factory.CreateGauge("dotnet_gc_committed_bytes", "Memory the garbage collector has committed for the managed heap.");
        var collections = factory.CreateCounter("dotnet_gc_collections_total", "Garbage collections, by generation.", "generation");
        var perGeneration = Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => collections.WithLabels(g.ToString(CultureInfo.InvariantCulture))).ToArray();
        registry.AddBeforeCollectCallback(() =>
        {
            using var process = Process.GetCurrentProcess();
            resident.Set(process.WorkingSet64);
            virtualMemory.Set(process.VirtualMemorySize64);
            // Counters only go up: IncTo keeps the larger of the two when scrapes overlap.
            cpu.IncTo(process.TotalProcessorTime.TotalSeconds);
            var gc = GC.GetGCMemoryInfo();
            heapSize.Set(gc.HeapSizeBytes);
            committed.Set(gc.TotalCommittedBytes);
            for (var generation = 0; generation < perGeneration.Length; generation++)
            {
                perGeneration[generation].IncTo(GC.CollectionCount(generation));
            }
        });
        return registry;
    }
}
