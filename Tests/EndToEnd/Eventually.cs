namespace KamajiKubeconfig.Tests.EndToEnd;

/// <summary>Polls a condition against a live system until it holds or a deadline passes (integration tests only).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns the first non-null value <paramref name="probe"/> yields; fails with the last observation.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var value = await probe();
                if (value is not null)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not AssertionException)
            {
                last = e;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting for {what}{(last is null ? "" : $" (last error: {last.Message})")}");
        throw new InvalidOperationException("unreachable");
    }

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        await GetAsync(async () => await condition() ? "ok" : null, what, timeout);
}
