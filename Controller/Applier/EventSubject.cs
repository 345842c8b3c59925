namespace KamajiKubeconfig.Controller.Applier;

/// <summary>The object an Event is about: its <c>involvedObject</c>. <see cref="Namespace"/> is null for cluster-scoped objects.</summary>
public sealed record EventSubject(string ApiVersion, string Kind, string? Namespace, string Name, string Uid);
