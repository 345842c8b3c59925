using System.Threading.Channels;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>A change handler that records (old, new) pairs for the test to await in order.</summary>
internal sealed class ChangeRecorder<T>
    where T : class
{
    private readonly Channel<(T? Old, T? New)> _changes = Channel.CreateUnbounded<(T? Old, T? New)>();

    public int Pending => _changes.Reader.Count;

    public void Record(T? oldObject, T? newObject) => _changes.Writer.TryWrite((oldObject, newObject));

    public async Task<IReadOnlyList<(T? Old, T? New)>> TakeAsync(int count)
    {
        var result = new List<(T? Old, T? New)>(count);
        using var deadline = new CancellationTokenSource(Deadline.Default);
        for (var i = 0; i < count; i++)
        {
            result.Add(await _changes.Reader.ReadAsync(deadline.Token));
        }

        return result;
    }
}
