using System.Diagnostics;

namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>Polling with a deadline (never a blind sleep): how long something took, or that it never happened.</summary>
public static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Seconds until <paramref name="condition"/> held; null when the deadline passed first. Exceptions count as "not yet".</summary>
    public static async Task<double?> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or ApiException)
            {
                // The API server may be down on purpose; try again.
            }
            if (clock.Elapsed >= deadline)
            {
                return null;
            }
            await Task.Delay(interval ?? Interval);
        }
    }
}
