using KamajiKubeconfig.Chaos.Checks;
using KamajiKubeconfig.Chaos.Infrastructure;

namespace KamajiKubeconfig.Chaos.BadInputs;

/// <summary>
/// Runs bad inputs against one controller in one world, next to a canary: in parallel batches, each case in its own
/// namespace with its own generator; a batch that crashed the controller or touched the canary is run again one case
/// at a time so the blame lands on the right case. Cases that may crash or stall the controller run alone, last.
/// </summary>
public sealed class BadInputRunner(ChaosWorld world, int parallel)
{
    private readonly Canary _canary = new(world);
    private int _index;

    public List<Violation> SetupViolations { get; } = [];

    public async Task<List<CaseResult>> RunAsync(IReadOnlyList<BadInputCase> cases, Action<CaseResult>? progress = null)
    {
        await _canary.SetupAsync();
        await world.StartControllerAsync();
        SetupViolations.AddRange(await _canary.SnapshotAsync());
        var results = new List<CaseResult>();
        foreach (var batch in cases.Where(c => !c.Isolated).Chunk(parallel))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var crashesBefore = Controller.Crashes;
            var contexts = batch.Select(c => (Case: c, Context: new CaseContext(world, Interlocked.Increment(ref _index)))).ToList();
            var batchResults = await Task.WhenAll(contexts.Select(c => CaseExecution.RunAsync(world, c.Case, c.Context)));
            await Task.WhenAll(contexts.Select(c => CaseExecution.CleanUpAsync(world, c.Context, waitForNamespaces: false)));
            await Controller.FinishDyingAsync();
            var harmed = Controller.Crashes > crashesBefore || Controller.HasExited || (await _canary.CheckAsync()).Count > 0;
            Console.WriteLine($"bad inputs: batch of {batch.Length} took {started.Elapsed.TotalSeconds:0.0} s{(harmed ? "; harmed the controller or the canary: running its cases alone" : "")}");
            if (!harmed || batch.Length == 1)
            {
                foreach (var result in batchResults)
                {
                    results.Add(result);
                    progress?.Invoke(result);
                }
                continue;
            }
            await RecoverAsync();
            foreach (var @case in batch)
            {
                var result = await RunAloneAsync(@case);
                results.Add(result);
                progress?.Invoke(result);
            }
        }
        foreach (var @case in cases.Where(c => c.Isolated))
        {
            var result = await RunAloneAsync(@case);
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }

    private ControllerProcess Controller => world.Controllers[0];

    /// <summary>One case by itself: a crash or a harm to the canary is this case's.</summary>
    private async Task<CaseResult> RunAloneAsync(BadInputCase @case)
    {
        var crashesBefore = Controller.Crashes;
        var context = new CaseContext(world, Interlocked.Increment(ref _index));
        var result = await CaseExecution.RunAsync(world, @case, context);
        await Controller.FinishDyingAsync();
        var crashed = Controller.Crashes > crashesBefore;
        if (crashed)
        {
            context.Fail($"crashed the controller: {CrashEvidence.From(Controller.LogPath)}");
        }
        await CaseExecution.CleanUpAsync(world, context, waitForNamespaces: true);
        await RecoverAsync();
        if (!crashed && (Controller.HasExited || !await Controller.IsReadyAsync()))
        {
            context.Fail("the controller is not running and ready after the case");
        }
        context.Violations.AddRange(await _canary.CheckAsync());
        await _canary.SnapshotAsync();
        return result with { Violations = context.Violations };
    }

    /// <summary>Restarts a dead controller (as the kubelet would) until it stays up, then re-baselines the canary.</summary>
    private async Task RecoverAsync()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Controller.FinishDyingAsync();
            if (Controller.HasExited)
            {
                Controller.Restart();
            }
            await Poll.UntilAsync(Controller.IsReadyAsync, TimeSpan.FromSeconds(30));
            await Task.Delay(2000);
            if (!Controller.HasFailed)
            {
                break;
            }
        }
        await _canary.SnapshotAsync();
    }
}
