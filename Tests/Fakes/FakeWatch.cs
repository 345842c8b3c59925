using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using KamajiKubeconfig.Informers;

namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>One open watch of <see cref="FakeListWatch{T}"/>: the test sends events, then ends or breaks it.</summary>
internal sealed class FakeWatch<T>(string resourceVersion, int timeoutSeconds)
{
    private static readonly object EndOfStream = new();
    private readonly Channel<object> _script = Channel.CreateUnbounded<object>();

    public string ResourceVersion { get; } = resourceVersion;

    public int TimeoutSeconds { get; } = timeoutSeconds;

    public FakeWatch<T> Added(T item, string resourceVersion) => Send(new WatchEvent<T>(WatchEventType.Added, item, resourceVersion));

    public FakeWatch<T> Modified(T item, string resourceVersion) => Send(new WatchEvent<T>(WatchEventType.Modified, item, resourceVersion));

    public FakeWatch<T> Deleted(T item, string resourceVersion) => Send(new WatchEvent<T>(WatchEventType.Deleted, item, resourceVersion));

    public FakeWatch<T> Bookmark(string resourceVersion) => Send(new WatchEvent<T>(WatchEventType.Bookmark, default, resourceVersion));

    /// <summary>The server ends the stream cleanly (its timeout).</summary>
    public void End() => _script.Writer.TryWrite(EndOfStream);

    /// <summary>The stream breaks (transport error) or reports an error the source maps to an exception.</summary>
    public void Fail(Exception exception) => _script.Writer.TryWrite(exception);

    internal async IAsyncEnumerable<WatchEvent<T>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await _script.Reader.ReadAsync(cancellationToken);
            if (ReferenceEquals(next, EndOfStream))
            {
                yield break;
            }

            if (next is Exception ex)
            {
                throw ex;
            }

            yield return (WatchEvent<T>)next;
        }
    }

    private FakeWatch<T> Send(WatchEvent<T> evt)
    {
        _script.Writer.TryWrite(evt);
        return this;
    }
}
