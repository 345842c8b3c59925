namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>A KubeconfigGenerator's stored status, as the benchmark waits on it.</summary>
public readonly record struct GeneratorState(bool Exists, int Resources, int Available, bool Ready);
