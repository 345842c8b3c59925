namespace KamajiKubeconfig.Sandbox;

/// <summary>How to start a sandbox. Every field has a test-friendly default.</summary>
public sealed record SandboxOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>Directories or files of CRD YAML installed at start.</summary>
    public IReadOnlyList<string> CrdPaths { get; init; } = [];

    /// <summary>Directories or files of RBAC YAML (ClusterRole, Role, bindings) loaded at start.</summary>
    public IReadOnlyList<string> RbacPaths { get; init; } = [];

    /// <summary>The admin bearer token; random when null.</summary>
    public string? AdminToken { get; init; }

    /// <summary>Bounded event history: older resourceVersions expire (410) once this many changes happened after them.</summary>
    public int HistoryCapacity { get; init; } = 10_000;

    /// <summary>Start with the Kamaji simulator on.</summary>
    public bool KamajiSimulator { get; init; }

    /// <summary>Delay of background garbage collection after an owner disappears (A11: real clusters take a moment).</summary>
    public TimeSpan GarbageCollectionDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Interval of watch bookmarks when a client allows them (real servers: about 60 s).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Send a BOOKMARK right after a watch from resourceVersion N is set up (when bookmarks are allowed), so the C#
    /// client's wait for a first line ends at once (B5). Real servers send the first bookmark only after about 60 s.
    /// </summary>
    public bool PromptFirstBookmark { get; init; } = true;

    /// <summary>Clock for timestamps; system clock when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the CLI writes its admin kubeconfig (not used by in-process hosting).</summary>
    public string? KubeconfigPath { get; init; }
}
