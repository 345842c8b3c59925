using System.Threading.Channels;

namespace KamajiKubeconfig.Sandbox.Controllers;

/// <summary>Runs a sweep some time after it is poked; pokes during a sweep cause one more sweep. Errors are retried.</summary>
public sealed class BackgroundLoop
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Action _sweep;
    private readonly TimeSpan _delay;

    public BackgroundLoop(Action sweep, TimeSpan delay)
    {
        _sweep = sweep;
        _delay = delay;
        _ = Task.Run(RunAsync);
    }

    public void Poke() => _pokes.Writer.TryWrite(true);

    private async Task RunAsync()
    {
        await foreach (var _ in _pokes.Reader.ReadAllAsync())
        {
            await Task.Delay(_delay);
            try
            {
                _sweep();
            }
            catch (Exception)
            {
                // A conflicting write raced with the sweep: try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(50));
                Poke();
            }
        }
    }
}
