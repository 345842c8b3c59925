namespace KamajiKubeconfig.Chaos.Checks;

/// <summary>One broken invariant: where (a Secret, a generator, the controller) and what was observed.</summary>
public sealed record Violation(string Where, string What)
{
    public override string ToString() => $"{Where}: {What}";
}
