using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// A scripted list/watch source (client-go <c>tools/cache/testing/fake_controller_source.go</c>). List calls
/// wait for a scripted answer; each watch call becomes a <see cref="FakeWatch{T}"/> the test feeds event by
/// event. Tests await the calls, so the informer's progress is observed rather than guessed.
/// </summary>
internal sealed class FakeListWatch<T> : IListWatch<T>
{
    private readonly Channel<object> _listAnswers = Channel.CreateUnbounded<object>();
    private readonly Channel<ListCall> _listCalls = Channel.CreateUnbounded<ListCall>();
    private readonly Channel<FakeWatch<T>> _watches = Channel.CreateUnbounded<FakeWatch<T>>();
    private int _listCount;
    private int _watchCount;

    public int ListCount => Volatile.Read(ref _listCount);

    public int WatchCount => Volatile.Read(ref _watchCount);

    public void AnswerList(ListPage<T> page) => _listAnswers.Writer.TryWrite(page);

    public void AnswerList(string resourceVersion, params T[] items) => AnswerList(new ListPage<T>(items, resourceVersion, null));

    public void FailList(Exception exception) => _listAnswers.Writer.TryWrite(exception);

    public async Task<ListCall> NextListCallAsync() => await _listCalls.Reader.ReadAsync().AsTask().WaitAsync(Deadline.Default);

    public async Task<FakeWatch<T>> NextWatchAsync() => await _watches.Reader.ReadAsync().AsTask().WaitAsync(Deadline.Default);

    /// <summary>True when the informer has not opened another watch since the last one the test took.</summary>
    public bool NoPendingWatch => _watches.Reader.Count == 0;

    public async Task<ListPage<T>> ListAsync(string? resourceVersion, string? continueToken, int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCount);
        _listCalls.Writer.TryWrite(new ListCall(resourceVersion, continueToken, limit));
        var answer = await _listAnswers.Reader.ReadAsync(cancellationToken);
        return answer is Exception ex ? throw ex : (ListPage<T>)answer;
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string resourceVersion, int timeoutSeconds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watchCount);
        var watch = new FakeWatch<T>(resourceVersion, timeoutSeconds);
        _watches.Writer.TryWrite(watch);
        await foreach (var evt in watch.ReadAllAsync(cancellationToken))
        {
            yield return evt;
        }
    }

    internal sealed record ListCall(string? ResourceVersion, string? ContinueToken, int Limit);
}
