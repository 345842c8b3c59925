namespace KamajiKubeconfig.Sandbox.Auth;

/// <summary>An authenticated identity, as the API server's authenticators produce it.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>Bypasses authorization (the sandbox's admin token, and system:masters).</summary>
    public bool IsSuperUser => Groups.Contains("system:masters");

    /// <summary>A service account identity: system:serviceaccount:NS:NAME with its standard groups.</summary>
    public static UserInfo ServiceAccount(string ns, string name) =>
        new($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);

    public static UserInfo Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"]);
}
