namespace KamajiKubeconfig.Controller.Leadership;

/// <summary>Leadership for <c>--leader-elect=false</c>: a single replica that always writes.</summary>
public sealed class AlwaysLeader : ILeadership
{
    public Task WaitForLeadershipAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public CancellationToken Lost => CancellationToken.None;
}
