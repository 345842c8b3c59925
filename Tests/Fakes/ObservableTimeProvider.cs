using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it (Task.Delay, timed
/// CancellationTokenSources). Tests wait for the timer they expect before advancing time, so an advance can never
/// race ahead of the code that arms the timer (client-go's fake clock <c>HasWaiters</c>).
/// </summary>
internal sealed class ObservableTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next created timer whose due time matches, skipping others; returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> match)
    {
        using var deadline = new CancellationTokenSource(Deadline.Default);
        while (true)
        {
            var due = await _created.Reader.ReadAsync(deadline.Token);
            if (match(due))
            {
                return due;
            }
        }
    }

    /// <summary>Backoff delays are at most a minute; watch watchdogs are at least five.</summary>
    public Task<TimeSpan> NextBackoffAsync() => NextTimerAsync(due => due < TimeSpan.FromMinutes(2));

    public Task<TimeSpan> NextWatchdogAsync() => NextTimerAsync(due => due >= TimeSpan.FromMinutes(2));
}
