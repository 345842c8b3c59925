using System.Globalization;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>
/// A memory cgroup of its own for the controller, limited as the Deployment limits its container, so the process
/// runs as it would in the pod. The runtime reads the limit from the cgroup (its heap limit is 75% of it) and, just
/// as important, its memory load: the cgroup's usage over the limit. Emulating the limit with the GC's
/// <c>GCTotalPhysicalMemory</c> setting instead makes that load the usage of the cgroup the bench itself runs in
/// (sandbox, bench and every tenant's objects, gigabytes at 10,000 tenants) over 512 MiB: the GC believes memory is
/// nearly exhausted and collects gen2 over and over (45 gen2 collections instead of 10 in one convergence at 10,000
/// tenants, 12.8 instead of 10.9 controller CPU-seconds). That emulation remains the fallback where cgroups cannot
/// be created (not root, or no memory controller), and results.json says which one a run used.
/// </summary>
public sealed class MemoryCgroup
{
    private const string V1Root = "/sys/fs/cgroup/memory";
    private const string V2Root = "/sys/fs/cgroup";

    private MemoryCgroup(string directory, string mode)
    {
        Directory = directory;
        Mode = mode;
    }

    /// <summary>"cgroup v1" or "cgroup v2".</summary>
    public string Mode { get; }

    public string Directory { get; }

    /// <summary>Writing a pid here moves that process into the cgroup (the children it starts later follow).</summary>
    public string ProcsFile => Path.Combine(Directory, "cgroup.procs");

    /// <summary>A new cgroup limited to <paramref name="limitBytes"/>, or null when none can be made here.</summary>
    public static MemoryCgroup? TryCreate(long limitBytes)
    {
        var name = $"kubeconfig-generator-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48];
        var limit = limitBytes.ToString(CultureInfo.InvariantCulture);
        if (File.Exists(Path.Combine(V1Root, "memory.limit_in_bytes")))
        {
            return TryCreate(Path.Combine(V1Root, name), "memory.limit_in_bytes", limit, "cgroup v1");
        }
        // v2: the memory controller must be enabled for the root's children.
        var subtree = Path.Combine(V2Root, "cgroup.subtree_control");
        return File.Exists(subtree) && File.ReadAllText(subtree).Split(' ', '\n').Contains("memory")
            ? TryCreate(Path.Combine(V2Root, name), "memory.max", limit, "cgroup v2")
            : null;
    }

    private static MemoryCgroup? TryCreate(string directory, string limitFile, string limit, string mode)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, limitFile), limit);
            return new MemoryCgroup(directory, mode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(directory);
            return null;
        }
    }

    /// <summary>Removes the cgroup once its processes are gone (the kernel refuses while any is left).</summary>
    public async Task DeleteAsync()
    {
        for (var attempt = 0; attempt < 50 && !TryDelete(Directory); attempt++)
        {
            await Task.Delay(100);
        }
    }

    private static bool TryDelete(string directory)
    {
        try
        {
            // A cgroup directory is removed with rmdir (its control files cannot be deleted one by one).
            System.IO.Directory.Delete(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return !System.IO.Directory.Exists(directory);
        }
    }
}
