namespace KamajiKubeconfig.Controller.Observability;

/// <summary>Leader election's metrics port (client-go's <c>leaderelection/metrics.go</c> On/Off adapter).</summary>
internal interface ILeaderElectionMetrics
{
    /// <summary><c>leader_election_master_status{name}</c>: 1 while this replica holds the lease, else 0.</summary>
    void LeadershipChanged(bool isLeader);
}
