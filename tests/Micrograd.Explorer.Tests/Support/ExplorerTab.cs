using System.Text.Json;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Support;

/// <summary>
/// One explorer page open in the browser: its controls, and everything it shows read back in one go. Every request the page
/// makes is recorded; any other than the file itself is also blocked. Script errors and console errors are recorded too.
/// </summary>
public sealed class ExplorerTab : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly IBrowserContext _context;

    private ExplorerTab(IBrowserContext context, IPage page, string url)
    {
        _context = context;
        Page = page;
        Url = url;
    }

    public IPage Page { get; }

    /// <summary>The file's URL.</summary>
    public string Url { get; }

    /// <summary>Every request the page made, the file itself included.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Requests that reached the network layer (anything but the file): blocked, and there should be none.</summary>
    public List<string> Routed { get; } = [];

    /// <summary>Uncaught script errors, console errors and dialogs.</summary>
    public List<string> Errors { get; } = [];

    public static async Task<ExplorerTab> OpenAsync(IBrowser browser, string file, int width, int height, string hash = "",
        string ready = "() => window.explorer !== undefined", TimeSpan? timeout = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        // a very large page takes longer than Playwright's 30 s to load and to answer
        if (timeout is { } t) page.SetDefaultTimeout((float)t.TotalMilliseconds);
        var tab = new ExplorerTab(context, page, new Uri(Path.GetFullPath(file)).AbsoluteUri);
        var address = tab.Url + hash;
        await context.RouteAsync("**/*", async route =>
        {
            lock (tab.Routed) tab.Routed.Add(route.Request.Url);
            if (route.Request.Url == tab.Url) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        page.Request += (_, request) =>
        {
            lock (tab.Requests) tab.Requests.Add(request.Url);
        };
        page.PageError += (_, error) => tab.Errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") tab.Errors.Add("console error: " + message.Text);
        };
        page.Dialog += async (_, dialog) =>
        {
            tab.Errors.Add("dialog: " + dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(address);
        await page.WaitForFunctionAsync(ready);
        return tab;
    }

    public Task ClickAsync(string id) => Page.Locator("#" + id).ClickAsync();

    public Task PressAsync(string key) => Page.Keyboard.PressAsync(key);

    /// <summary>Types a new value into a leaf's data field and presses Enter, as a person edits it.</summary>
    public async Task EditLeafAsync(int id, string text)
    {
        var input = Page.Locator($"#row-{id} td.data input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Selects a value by clicking its name in the table.</summary>
    public Task SelectAsync(int id) => Page.Locator($"#row-{id} td.name .label").ClickAsync();

    /// <summary>Waits until the page has written its state into the URL's #hash (it does so shortly after a change) and returns it.</summary>
    public async Task<string> SettledHashAsync()
    {
        // No write still to come (a change just made is written shortly after), and the one made is in the URL.
        await Page.WaitForFunctionAsync("() => !window.explorer.hashPending && location.hash === '#' + window.explorer.hash && window.explorer.hash.startsWith('step=' + window.explorer.step + '&')");
        return await Page.EvaluateAsync<string>("() => location.hash");
    }

    /// <summary>Whether the keyboard focus is in a text field (where → ← would edit rather than step).</summary>
    public Task<bool> TypingAsync() => Page.EvaluateAsync<bool>("() => document.activeElement instanceof HTMLInputElement && document.activeElement.type === 'text'");

    /// <summary>Everything the page shows, read in one call.</summary>
    public async Task<PageState> ReadAsync()
    {
        var text = await Page.EvaluateAsync<string>(ReadScript);
        return JsonSerializer.Deserialize<PageState>(text, Json)!;
    }

    /// <summary>The part of the picture on screen, in the picture's units: x, y, width, height.</summary>
    public Task<double[]> ViewBoxAsync() => Page.EvaluateAsync<double[]>("() => window.explorer.view");

    public void AssertNoErrors() => Assert.True(Errors.Count == 0, "the page reported errors:\n" + string.Join("\n", Errors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();

    private const string ReadScript = """
        () => {
          const text = (e) => e ? e.textContent : null;
          const rows = [...document.querySelectorAll('#rows tr')].map((r) => {
            const input = r.querySelector('td.data input');
            return {
              id: Number(r.dataset.id),
              name: text(r.querySelector('td.name .label')),
              op: text(r.querySelector('td.op')),
              data: input ? input.value : text(r.querySelector('td.data')),
              grad: text(r.querySelector('td.grad')),
              received: text(r.querySelector('td.count')),
              current: r.classList.contains('current'),
              operand: r.classList.contains('operand'),
              gradChanged: r.querySelector('td.grad .v > span').classList.contains('changed'),
            };
          });
          const records = [...document.querySelectorAll('#graph g.node')].filter((g) => /^n\d+$/.test(g.id)).map((g) => ({
            id: Number(g.id.slice(1)),
            data: text(g.querySelector('text.data')),
            grad: text(g.querySelector('text.grad')),
            current: g.classList.contains('current'),
            operand: g.classList.contains('operand'),
          }));
          return JSON.stringify({
            step: window.explorer.step,
            steps: window.explorer.steps,
            playing: window.explorer.playing,
            phase: text(document.getElementById('phase')),
            progress: text(document.getElementById('progress')),
            check: text(document.getElementById('check')),
            title: text(document.getElementById('title')),
            change: document.getElementById('change').hidden ? '' : text(document.getElementById('change')),
            checkClass: document.getElementById('check').className,
            lines: [...document.querySelectorAll('#lines .formula')].map(text),
            factors: [...document.querySelectorAll('#lines .factor')].map(text),
            notes: [...document.querySelectorAll('#lines .note')].map(text),
            rows,
            records,
          });
        }
        """;
}

/// <summary>What the page shows.</summary>
public sealed record PageState(
    int Step, int Steps, bool Playing, string Phase, string Progress, string Check, string Title, string Change, string CheckClass,
    List<string> Lines, List<string> Factors, List<string> Notes, List<RowState> Rows, List<RecordState> Records);

/// <summary>One row of the page's table: the data and grad texts exactly as shown.</summary>
public sealed record RowState(int Id, string Name, string Op, string Data, string Grad, string Received, bool Current, bool Operand, bool GradChanged);

/// <summary>One value's record in the picture: "data 1.3000", "grad 0.0020".</summary>
public sealed record RecordState(int Id, string Data, string Grad, bool Current, bool Operand);
