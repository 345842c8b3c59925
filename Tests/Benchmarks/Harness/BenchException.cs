namespace KamajiKubeconfig.Benchmarks.Harness;

/// <summary>The benchmark cannot go on (a timeout, the controller died): the run fails with this message.</summary>
public sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
