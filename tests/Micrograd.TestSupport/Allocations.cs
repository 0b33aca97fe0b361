namespace Micrograd.Tests.Support;

/// <summary>
/// "Allocates nothing" checks with <see cref="GC.GetAllocatedBytesForCurrentThread"/> (no timing). The runtime can charge a
/// one-off allocation to the test's thread that no code of the test made: 7,824 bytes were seen once per test process, even
/// around a loop of pure arithmetic. So the work is measured in windows: it passes when a whole window allocates nothing,
/// and fails when every window allocates (as work that allocates each time does), listing what each window allocated.
/// </summary>
public static class Allocations
{
    public static void AssertNone(Action window, string what, int windows = 5)
    {
        var totals = new long[windows];
        for (var w = 0; w < windows; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            window();
            totals[w] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (totals[w] == 0) return;
        }
        throw new Xunit.Sdk.XunitException($"{what} allocated in each of {windows} windows: {string.Join(", ", totals)} bytes.");
    }
}
