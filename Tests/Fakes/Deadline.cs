namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// How long a test waits for the code under test to make progress. A real-time bound only on waiting, never a
/// sleep: a passing test never reaches it, a broken one fails instead of hanging.
/// </summary>
internal static class Deadline
{
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(10);
}
