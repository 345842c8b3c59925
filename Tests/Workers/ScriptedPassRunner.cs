using System.Collections.Concurrent;
using System.Threading.Channels;
using KamajiKubeconfig.Controller.Applier;
using KamajiKubeconfig.Controller.Workers;
using KamajiKubeconfig.Tests.Fakes;

namespace KamajiKubeconfig.Tests.Workers;

/// <summary>
/// A pass runner scripted pass by pass: each call takes the next scripted step (a report, a throw, or a wait on the
/// pass's token), or the standing answer once the script is used up. Every call is recorded, so a test awaits the
/// pass it is about instead of guessing when it runs.
/// </summary>
internal sealed class ScriptedPassRunner : IPassRunner
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<PassReport?>>> _script = new();
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();
    private Func<CancellationToken, Task<PassReport?>> _otherwise = _ => throw new InvalidOperationException("no pass was scripted");
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Every later pass answers <paramref name="report"/> (null: the generator is gone).</summary>
    public ScriptedPassRunner Always(PassReport? report)
    {
        _otherwise = _ => Task.FromResult(report);
        return this;
    }

    public ScriptedPassRunner Then(PassReport? report) => Then(_ => Task.FromResult(report));

    public ScriptedPassRunner ThenThrow(Exception exception) => Then(_ => Task.FromException<PassReport?>(exception));

    /// <summary>A pass that only ends when its token is cancelled (pass timeout, shutdown, lost lease).</summary>
    public ScriptedPassRunner ThenHang() => Then(async ct =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        return null;
    });

    public ScriptedPassRunner Then(Func<CancellationToken, Task<PassReport?>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    /// <summary>The generator of the next pass that starts (or started since the last call).</summary>
    public async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(Deadline.Default);

    public Task<PassReport?> RunAsync(string generatorName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite(generatorName);
        return (_script.TryDequeue(out var step) ? step : _otherwise)(cancellationToken);
    }
}
