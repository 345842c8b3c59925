namespace KamajiKubeconfig.Sandbox.Http;

/// <summary>
/// Warnings of the request in flight (e.g. pruned unknown fields under fieldValidation=Warn), sent as
/// `Warning: 299 - "..."` headers like a real API server; kubectl prints them.
/// </summary>
public static class Warnings
{
    private static readonly AsyncLocal<List<string>?> CurrentRequest = new();

    public static IReadOnlyList<string> Current => CurrentRequest.Value ?? [];

    /// <summary>Starts collecting for the request; also records whether warnings are wanted (fieldValidation).</summary>
    public static void Begin(bool enabled) => CurrentRequest.Value = enabled ? [] : null;

    public static void Add(string warning) => CurrentRequest.Value?.Add(warning);
}
