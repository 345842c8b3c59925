namespace KamajiKubeconfig.Controller.Leadership;

/// <summary>Gates writes: workers start once this process leads, and stop the moment it no longer does.</summary>
public interface ILeadership
{
    Task WaitForLeadershipAsync(CancellationToken cancellationToken);

    /// <summary>Cancelled when leadership is lost; every write runs under it.</summary>
    CancellationToken Lost { get; }
}
