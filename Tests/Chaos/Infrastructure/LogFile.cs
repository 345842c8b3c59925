namespace KamajiKubeconfig.Chaos.Infrastructure;

/// <summary>A child process's output appended to a file from its reader threads; lines after closing are dropped.</summary>
public sealed class LogFile(string path) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer = new(path, append: true) { AutoFlush = true };
    private bool _closed;

    public string Path => path;

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (!_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
