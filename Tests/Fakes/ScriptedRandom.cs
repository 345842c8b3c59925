namespace KamajiKubeconfig.Tests.Fakes;

/// <summary>
/// A <see cref="Random"/> whose <see cref="NextDouble"/> returns scripted values, then a constant, so that
/// expected delays are plain arithmetic in the test.
/// </summary>
internal sealed class ScriptedRandom(double otherwise, params double[] script) : Random
{
    private readonly Queue<double> _script = new(script);

    public override double NextDouble() => _script.Count > 0 ? _script.Dequeue() : otherwise;

    protected override double Sample() => NextDouble();
}
