using System.Diagnostics;

namespace KamajiKubeconfig.Controller.Observability;

/// <summary>
/// The process-level series every Prometheus client exports (controller-runtime gets them from client_golang), so
/// the usual "memory and CPU per pod" dashboards and the sizing in the README work unchanged, plus the GC's own view
/// of the managed heap, which tells live data from memory the runtime merely keeps. Read at scrape time.
/// </summary>
internal sealed class ProcessMetrics
{
    private readonly GaugeSeries _residentMemory;
    private readonly GaugeSeries _virtualMemory;
    private readonly CounterSeries _cpuSeconds;
    private readonly GaugeSeries _heapSize;
    private readonly GaugeSeries _committed;
    private readonly CounterSeries[] _collections;
    private readonly Lock _lock = new();
    private double _cpuReported;
    private readonly int[] _collectionsReported;

    public ProcessMetrics(MetricRegistry registry)
    {
        _residentMemory = registry.AddGauge("process_resident_memory_bytes", "Resident memory size in bytes.").Unlabelled;
        _virtualMemory = registry.AddGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.").Unlabelled;
        _cpuSeconds = registry.AddCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.").Unlabelled;
        registry.AddGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.").Unlabelled
            .Set(new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        _heapSize = registry.AddGauge("dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection (live data plus fragmentation).").Unlabelled;
        _committed = registry.AddGauge("dotnet_gc_committed_bytes", "Memory the garbage collector has committed for the managed heap.").Unlabelled;
        var collections = registry.AddCounter("dotnet_gc_collections_total", "Garbage collections, by generation.", "generation");
        _collections = [.. Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => collections.WithLabels(g.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        _collectionsReported = new int[_collections.Length];
        registry.BeforeCollect(Refresh);
    }

    private void Refresh()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        lock (_lock)
        {
            _residentMemory.Set(process.WorkingSet64);
            _virtualMemory.Set(process.VirtualMemorySize64);
            // Counters only go up by increments: add what was used since the last scrape.
            var cpu = process.TotalProcessorTime.TotalSeconds;
            _cpuSeconds.Inc(cpu - _cpuReported);
            _cpuReported = Math.Max(_cpuReported, cpu);
            _heapSize.Set(gc.HeapSizeBytes);
            _committed.Set(gc.TotalCommittedBytes);
            for (var generation = 0; generation < _collections.Length; generation++)
            {
                var count = GC.CollectionCount(generation);
                _collections[generation].Inc(count - _collectionsReported[generation]);
                _collectionsReported[generation] = Math.Max(_collectionsReported[generation], count);
            }
        }
    }
}
