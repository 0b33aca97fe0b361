using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>The browser tests share one headless Chromium, launched once; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// Headless Chromium driven by Playwright: the system's Chromium (<c>/usr/bin/chromium</c>, from Debian's <c>chromium</c>
/// package, which .ci/run installs; <c>MICROGRAD_CHROMIUM</c> names another), never a browser Playwright downloads.
/// Without it the tests fail loudly rather than pass.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("MICROGRAD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not running");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is not at '{ChromiumPath}', and the explorer's tests run its page in a real browser: install it " +
            "(sudo apt-get install chromium) or run .ci/run, which does; or set MICROGRAD_CHROMIUM to a Chromium executable.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Playwright gives each launch a fresh, temporary user-data directory.
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>Opens an HTML file in a new tab of its own context, recording every request it makes.</summary>
    public Task<ExplorerTab> OpenAsync(string file, int width = 1400, int height = 850, string hash = "") => ExplorerTab.OpenAsync(Browser, file, width, height, hash);

    /// <summary>Opens a training page (<see cref="TrainingPage"/>) the same way, once its script has started.</summary>
    public Task<ExplorerTab> OpenTrainingAsync(string file, int width = 1600, int height = 900, string hash = "") =>
        ExplorerTab.OpenAsync(Browser, file, width, height, hash, "() => window.training !== undefined");
}
