namespace KamajiKubeconfig.Tests.Informers.Integration;

/// <summary>
/// Makes the next watch response go silent after its first line, as a half-open TCP connection does (B13-3): the
/// server still writes and even ends the stream, but nothing more reaches the client. A read then waits, like a
/// socket read, until its token is cancelled or the response is disposed.
/// </summary>
internal sealed class HalfOpenHandler : DelegatingHandler
{
    private readonly TaskCompletionSource _silenced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    public void ArmNextWatch() => Volatile.Write(ref _armed, 1);

    /// <summary>Completes once the armed watch has delivered its first line and gone silent.</summary>
    public Task Silenced => _silenced.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (RequestLog.Query(request.RequestUri!, "watch") == "true" && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            var original = response.Content;
            var silent = new StreamContent(new SilentAfterFirstLine(await original.ReadAsStreamAsync(cancellationToken), _silenced));
            foreach (var header in original.Headers)
            {
                silent.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            // The original content is not disposed: that would dispose the stream the wrapper now owns.
            response.Content = silent;
        }

        return response;
    }

    private sealed class SilentAfterFirstLine(Stream inner, TaskCompletionSource silenced) : Stream
    {
        private readonly CancellationTokenSource _disposed = new();
        private bool _silent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_silent && buffer.Length > 0)
            {
                // One byte at a time, so that nothing past the first newline is handed out.
                var read = await inner.ReadAsync(buffer[..1], cancellationToken);
                _silent = read == 0 || buffer.Span[0] == (byte)'\n';
                if (_silent)
                {
                    silenced.TrySetResult();
                }
                return read;
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            await Task.Delay(Timeout.Infinite, either.Token);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async reads only");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _disposed.Cancel();
                _disposed.Dispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
