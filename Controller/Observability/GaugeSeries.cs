namespace KamajiKubeconfig.Controller.Observability;

/// <summary>One gauge series: a value that is set or moves both ways.</summary>
internal sealed class GaugeSeries
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value) => Volatile.Write(ref _value, value);

    public void Add(double amount) => AtomicDouble.Add(ref _value, amount);

    public void Inc() => Add(1);

    public void Dec() => Add(-1);
}
