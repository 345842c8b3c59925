using System.Threading.Channels;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>Runs a sweep some time after it is poked; pokes during a sweep cause one more sweep. Errors are retried.</summary>
public sealed class BackgroundLoop
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action _sweep;
    private readonly TimeSpan _delay;

    public BackgroundLoop(Action sweep, TimeSpan delay, CancellationToken stopping)
    {
        _sweep = sweep;
        _delay = delay;
        _ = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public void Poke() => _pokes.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await LoopAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            // The sandbox stopped.
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        await foreach (var _ in _pokes.Reader.ReadAllAsync(stopping))
        {
            await Task.Delay(_delay, stopping);
            try
            {
                _sweep();
            }
            catch (Exception)
            {
                // A conflicting write raced with the sweep: try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(50), stopping);
                Poke();
            }
        }
    }
}
