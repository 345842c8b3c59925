using System.Threading.Channels;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>A change handler that records (old, new) pairs for the test to await in order.</summary>
internal sealed class ChangeRecorder<T>
    where T : class
{
    private readonly Channel<CacheChange<T>> _changes = Channel.CreateUnbounded<CacheChange<T>>();

    public int Pending => _changes.Reader.Count;

    public void Record(T? oldObject, T? newObject) => _changes.Writer.TryWrite(new CacheChange<T>(oldObject, newObject));

    public async Task<IReadOnlyList<CacheChange<T>>> TakeAsync(int count)
    {
        var result = new List<CacheChange<T>>(count);
        using var deadline = new CancellationTokenSource(Deadline.Default);
        for (var i = 0; i < count; i++)
        {
            result.Add(await _changes.Reader.ReadAsync(deadline.Token));
        }

        return result;
    }
}
