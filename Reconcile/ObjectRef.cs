namespace KamajiKubeconfig.Reconcile;

/// <summary>Namespace and name of a namespaced object; prints as <c>namespace/name</c>, the form status errors use.</summary>
public readonly record struct ObjectRef(string Namespace, string Name)
{
    /// <summary>Kamaji's order: ordinal on the <c>namespace/name</c> string.</summary>
    public static readonly IComparer<ObjectRef> Order = Comparer<ObjectRef>.Create(Compare);

    /// <summary>Ordinal order of <c>namespace/name</c>, without building either string (sorting 10,000 targets allocates nothing).</summary>
    private static int Compare(ObjectRef a, ObjectRef b)
    {
        var length = a.Namespace.Length + 1 + a.Name.Length;
        var otherLength = b.Namespace.Length + 1 + b.Name.Length;
        for (var i = 0; i < Math.Min(length, otherLength); i++)
        {
            var difference = a.CharAt(i) - b.CharAt(i);
            if (difference != 0)
            {
                return difference;
            }
        }
        return length - otherLength;
    }

    private char CharAt(int i) => i < Namespace.Length ? Namespace[i] : i == Namespace.Length ? '/' : Name[i - Namespace.Length - 1];

    public override string ToString() => $"{Namespace}/{Name}";
}
