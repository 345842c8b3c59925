namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Records nothing: the default when leader election runs without metrics.</summary>
internal sealed class NoopLeaderElectionMetrics : ILeaderElectionMetrics
{
    public static readonly NoopLeaderElectionMetrics Instance = new();

    private NoopLeaderElectionMetrics()
    {
    }

    public void LeadershipChanged(bool isLeader)
    {
    }
}
