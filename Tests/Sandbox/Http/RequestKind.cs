namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>One kind of request <see cref="RequestCounter"/> counts.</summary>
public readonly record struct RequestKind(string User, string Verb, string Resource);
