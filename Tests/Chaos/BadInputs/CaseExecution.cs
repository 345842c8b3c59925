using System.Diagnostics;
using System.Text.Json.Nodes;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// One bad input from setup to cleanup: wait for its ending (admission rejection, status error, Warning Event, or a
/// valid kubeconfig where that is acceptable), then for the case's invariants, then check the messages.
/// </summary>
public static class CaseExecution
{
    /// <summary>Longer messages are echoes of the input, not explanations.</summary>
    public const int MaxMessageLength = 2048;

    public static async Task<CaseResult> RunAsync(ChaosWorld world, BadInputCase @case, CaseContext context)
    {
        try
        {
            return await RunCheckedAsync(world, @case, context);
        }
        catch (Exception e) when (e is ApiException or InvalidOperationException or HttpRequestException or TaskCanceledException or IOException)
        {
            context.Fail($"harness: {e.GetType().Name}: {e.Message}");
            return new CaseResult(@case.Name, @case.Source, "harness error", "", null, context.Violations);
        }
    }

    private static async Task<CaseResult> RunCheckedAsync(ChaosWorld world, BadInputCase @case, CaseContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await @case.SetupAsync(context);
        }
        catch (Exception e) when (e is ApiException or InvalidOperationException or HttpRequestException or TaskCanceledException)
        {
            context.Fail($"harness: setup failed: {e.Message}");
            return new CaseResult(@case.Name, @case.Source, "setup", "", null, context.Violations);
        }
        (string Where, string Message)? ending = null;
        var found = await Poll.UntilAsync(async () => (ending = world.Controllers[0].HasFailed ? ("crash", CrashEvidence.From(world.Controllers[0].LogPath))
            : @case.EndingAsync is { } custom ? await custom(context) : await EndingAsync(world, @case, context)) is not null,
            @case.Deadline, TimeSpan.FromMilliseconds(300));
        if (ending is null)
        {
            context.Fail($"{@case.NoEndingMeans ?? "no admission rejection, status error or Event (nor a valid kubeconfig)"} within {@case.Deadline.TotalSeconds:0} s");
        }
        else if (!@case.Accept.HasFlag(KindOf(ending.Value.Where)))
        {
            context.Fail($"ended as {ending.Value.Where}, expected {@case.Accept}");
        }
        if (!@case.SkipInvariants && ending is not ("crash", _))
        {
            // Once the case has ended its invariants should follow promptly; without an ending, one look is enough.
            var (_, last) = await world.ConvergeAsync(ending is null ? TimeSpan.Zero : TimeSpan.FromSeconds(10), context.Scope);
            context.Violations.AddRange(last);
        }
        await CheckMessagesAsync(world, @case, context, ending?.Message);
        if (@case.VerifyAsync is not null)
        {
            await @case.VerifyAsync(context);
        }
        return new CaseResult(@case.Name, @case.Source, ending?.Where ?? "nowhere", ending?.Message ?? "", found, context.Violations);
    }

    private static Signal KindOf(string where) => where switch
    {
        "admission" => Signal.Admission,
        "status" => Signal.Status,
        "event" => Signal.Event,
        "readyz" => Signal.Probe,
        "crash" => Signal.None,
        _ => Signal.Valid,
    };

    private static async Task<(string Where, string Message)?> EndingAsync(ChaosWorld world, BadInputCase @case, CaseContext context)
    {
        if (context.AdmissionMessage is { } rejected)
        {
            return ("admission", rejected);
        }
        var generator = await world.Admin.GetAsync(Objects.Generator(context.Generator));
        var errors = (generator?["status"]?["errors"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var wanted = context.Resource.Split('|');
        var error = errors.FirstOrDefault(e => wanted.Any(w => Matches(e["resource"]?.ToString(), w)));
        // Where a valid kubeconfig is an acceptable ending, a transient error (a cache that lags Kamaji's writes) is not:
        // an error counts only when it is still there on the next look, and Events (history) not at all.
        var transientPossible = @case.Accept.HasFlag(Signal.Valid);
        if (error is not null && (!transientPossible || context.SeenError == error["message"]?.ToString()))
        {
            return ("status", error["message"]?.ToString() ?? "");
        }
        context.SeenError = error?["message"]?.ToString();
        var events = transientPossible ? [] : await world.Admin.ListAsync("/api/v1/namespaces/default/events");
        var warning = events.FirstOrDefault(e => e["involvedObject"]?["name"]?.ToString() == context.Generator
            && wanted.Any(w => (e["message"]?.ToString() ?? "").Contains(w.TrimEnd('.'), StringComparison.Ordinal)));
        if (warning is not null)
        {
            return ("event", warning["message"]?.ToString() ?? "");
        }
        if (@case.Accept.HasFlag(Signal.Valid) && generator is not null && (await world.CheckClusterAsync(context.Scope)).Count == 0)
        {
            return ("handled: valid kubeconfig", "");
        }
        return null;
    }

    private static bool Matches(string? resource, string wanted) =>
        resource is not null && (wanted.EndsWith('.') ? resource.StartsWith(wanted, StringComparison.Ordinal) : resource == wanted);

    private static async Task CheckMessagesAsync(ChaosWorld world, BadInputCase @case, CaseContext context, string? ending)
    {
        var messages = new List<(string Where, string Text)>();
        if (ending is { Length: > 0 })
        {
            messages.Add(("ending", ending));
        }
        foreach (var name in context.Generators)
        {
            var generator = await world.Admin.GetAsync(Objects.Generator(name));
            messages.AddRange((generator?["status"]?["errors"] as JsonArray ?? []).OfType<JsonObject>().Select(e => ("status", e["message"]?.ToString() ?? "")));
            messages.AddRange((await world.Admin.ListAsync("/api/v1/namespaces/default/events"))
                .Where(e => e["involvedObject"]?["name"]?.ToString() == name).Select(e => ("event", e["message"]?.ToString() ?? "")));
        }
        foreach (var (where, text) in messages.Distinct())
        {
            if (text.Length > MaxMessageLength)
            {
                context.Fail($"{where} message of {text.Length} characters (the input echoed, not explained)");
            }
            if (@case.CheckMessage?.Invoke(context, text) is { } problem)
            {
                context.Fail($"{where} message: {problem}");
            }
        }
    }

    /// <summary>Deletes the case's generators (waiting for their finalizer) and namespaces; forgets its expectations.</summary>
    public static async Task CleanUpAsync(ChaosWorld world, CaseContext context, bool waitForNamespaces)
    {
        foreach (var name in context.Generators)
        {
            await world.Admin.DeleteAsync(Objects.Generator(name));
        }
        await world.Controllers[0].FinishDyingAsync();
        var controllerUp = !world.Controllers[0].HasExited;
        foreach (var name in context.Generators)
        {
            var gone = await Poll.UntilAsync(async () => await world.Admin.GetAsync(Objects.Generator(name)) is null, TimeSpan.FromSeconds(controllerUp ? 20 : 0));
            if (gone is null)
            {
                if (controllerUp)
                {
                    context.Fail($"generator {name} was not gone 20 s after its deletion (finalizer kept)");
                }
                await world.Admin.MergePatchAsync(Objects.Generator(name), new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } });
            }
        }
        foreach (var ns in context.Namespaces)
        {
            await world.Admin.DeleteAsync($"/api/v1/namespaces/{ns}");
        }
        if (waitForNamespaces)
        {
            foreach (var ns in context.Namespaces)
            {
                await Poll.UntilAsync(async () => await world.Admin.GetAsync($"/api/v1/namespaces/{ns}") is null, TimeSpan.FromSeconds(30));
            }
        }
        foreach (var ns in context.Namespaces)
        {
            world.Expect.ForgetNamespace(ns);
        }
    }
}
