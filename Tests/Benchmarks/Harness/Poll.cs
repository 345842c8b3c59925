using System.Diagnostics;

namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>Waits on a condition with a deadline; a timeout fails the run with what was awaited and why.</summary>
public static class Poll
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string> diagnostics, int intervalMs = 20) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, diagnostics, intervalMs);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string> diagnostics, int intervalMs = 20)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * timeout.TotalSeconds);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BenchException($"timed out after {timeout.TotalSeconds:F0} s waiting for {what}\n{diagnostics()}");
            }
            await Task.Delay(intervalMs);
        }
    }
}
