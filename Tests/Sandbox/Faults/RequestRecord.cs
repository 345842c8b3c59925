namespace KamajiKubeconfig.Sandbox.Faults;

/// <summary>One resource request as the API server saw it, and the fault it was given (null: served normally).</summary>
public sealed record RequestRecord(
    long Sequence, DateTimeOffset Time, string User, string Verb, string Resource, string Subresource, string Namespace, string Name, int? InjectedCode)
{
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
