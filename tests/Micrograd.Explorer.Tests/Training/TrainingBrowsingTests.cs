using Micrograd.Explorer.Tests.Support;
using Microsoft.Playwright;

namespace Micrograd.Explorer.Tests.Training;

/// <summary>
/// The training page as a person browses it: the keys step it as they step the explorer, it makes no network request whatever
/// is done with it, it refers to nothing outside itself, and on a narrow screen its panels stack without spilling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrainingBrowsingTests(BrowserFixture browser, MoonsRun moons) : IClassFixture<MoonsRun>
{
    [Fact]
    public async Task The_keys_step_play_and_jump_and_stay_the_pages_after_a_field_and_a_button()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        async Task Expect(int step, string context) => Assert.True(await TrainingView.StepAsync(tab) == step, $"{context}: at step {await TrainingView.StepAsync(tab)}, not {step}");

        await Expect(1, "at the start");
        await tab.PressAsync("ArrowRight");
        await tab.PressAsync("ArrowRight");
        await Expect(3, "→ →");
        await tab.PressAsync("ArrowLeft");
        await Expect(2, "←");
        await tab.PressAsync("PageDown");
        await Expect(12, "PgDn");
        await tab.PressAsync("PageUp");
        await Expect(2, "PgUp");
        await tab.PressAsync("End");
        await Expect(101, "End");
        await tab.PressAsync("Home");
        await Expect(1, "Home");

        // Space plays (from the start, at the speed chosen) and pauses.
        await tab.Page.Locator("#speed").FillAsync("6");
        await tab.PressAsync(" ");
        await tab.Page.WaitForFunctionAsync("() => window.training.step >= 15");
        await tab.PressAsync(" ");
        Assert.False(await tab.Page.EvaluateAsync<bool>("() => window.training.playing"));
        var paused = await TrainingView.StepAsync(tab);
        await tab.Page.WaitForTimeoutAsync(300);
        await Expect(paused, "paused");

        // After typing in a field and Escape, and after clicking a button with the mouse, the keys step the page again.
        var lr = tab.Page.Locator("#train-lr");
        await lr.ClickAsync();
        await lr.PressAsync("End");
        await lr.PressAsync("ArrowLeft");
        await Expect(paused, "arrows in a field edit it");
        await lr.PressAsync("Escape");
        await tab.PressAsync("ArrowRight");
        await Expect(paused + 1, "after Escape");
        await tab.ClickAsync("back");
        await tab.PressAsync("ArrowRight");
        await Expect(paused + 1, "after a click on Back");
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_the_plane_the_arrows_reach_each_point_and_Enter_opens_its_graph_while_the_other_keys_step()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        await tab.Page.Locator("#plane").FocusAsync();
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowDown");
        await tab.PressAsync("ArrowUp");
        Assert.Equal(1, await TrainingView.StepAsync(tab));
        await tab.PressAsync("Enter");
        Assert.Equal("Training sample 2 at step 1", await tab.Page.Locator("#sample-heading").TextContentAsync());
        await tab.PressAsync("ArrowRight");
        Assert.Equal(2, await TrainingView.StepAsync(tab));
        Assert.Equal("Training sample 2 at step 2", await tab.Page.Locator("#sample-heading").TextContentAsync());
        await tab.PressAsync("ArrowUp");
        await tab.PressAsync("ArrowUp");
        await tab.PressAsync("Enter");
        Assert.Equal("Training sample 100 at step 2", await tab.Page.Locator("#sample-heading").TextContentAsync()); // from the first, ↑ wraps to the last
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task On_the_network_the_arrows_reach_each_weight_and_bias_as_pointing_does_while_the_other_keys_step()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        var detail = tab.Page.Locator("#detail");
        async Task<string?> Shown() => await detail.GetAttributeAsync("data-parameter");
        async Task<string> Pointed(int parameter)
        {
            await tab.Page.Locator($"#network #p{parameter}").DispatchEventAsync("pointerover");
            var text = await detail.TextContentAsync() ?? "";
            await tab.Page.Locator("#network").DispatchEventAsync("pointerleave");
            return text;
        }

        var parameters = await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#network [data-parameter]').length");
        Assert.Equal(337, parameters);
        var first = await Pointed(0);
        var second = await Pointed(1);
        var last = await Pointed(parameters - 1);

        await tab.Page.Locator("#network").FocusAsync();
        Assert.Null(await Shown());
        await tab.PressAsync("ArrowDown");
        Assert.Equal(("0", first), (await Shown(), await detail.TextContentAsync()));
        Assert.Equal(1, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#network .hot').length"));
        await tab.PressAsync("ArrowDown");
        Assert.Equal(("1", second), (await Shown(), await detail.TextContentAsync()));
        await tab.PressAsync("ArrowUp");
        await tab.PressAsync("ArrowUp");
        Assert.Equal(((parameters - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), last), (await Shown(), await detail.TextContentAsync())); // from the first, ↑ wraps to the last
        Assert.Contains("(bias)", last, StringComparison.Ordinal);
        Assert.Contains("(weight)", first, StringComparison.Ordinal);

        // ← → still step the page, and the detail follows the step; leaving the network clears it.
        await tab.PressAsync("ArrowRight");
        Assert.Equal(2, await TrainingView.StepAsync(tab));
        Assert.Equal((parameters - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await Shown());
        Assert.NotEqual(last, await detail.TextContentAsync());
        await tab.PressAsync("Escape");
        Assert.Null(await Shown());
        Assert.Equal(0, await tab.Page.EvaluateAsync<int>("() => document.querySelectorAll('#network .hot').length"));
        tab.AssertNoErrors();
    }

    [Fact]
    public async Task The_step_and_the_sample_are_kept_in_the_hash_and_a_link_opens_the_same_view()
    {
        string hash;
        await using (var tab = await browser.OpenTrainingAsync(moons.Run.Page))
        {
            await tab.PressAsync("End");
            await tab.PressAsync("Home");
            for (var i = 0; i < 36; i++) await tab.PressAsync("ArrowRight");
            await TrainingView.ClickPointAsync(tab, "train", 7);
            await tab.Page.WaitForFunctionAsync("() => location.hash === '#' + window.training.hash && window.training.hash === 'step=37&sample=t8'");
            hash = await tab.Page.EvaluateAsync<string>("() => location.hash");
            tab.AssertNoErrors();
        }

        await using (var tab = await browser.OpenTrainingAsync(moons.Run.Page, hash: hash))
        {
            Assert.Equal(37, await TrainingView.StepAsync(tab));
            Assert.Equal("Training sample 8 at step 37", await tab.Page.Locator("#sample-heading").TextContentAsync());

            // Changing the hash by hand moves the page too; one it cannot read (a bad escape, a sample that is not there)
            // leaves it where it is.
            await tab.Page.EvaluateAsync("() => { location.hash = '#step=5'; }");
            await tab.Page.WaitForFunctionAsync("() => window.training.step === 5");
            Assert.Equal("Training sample 8 at step 5", await tab.Page.Locator("#sample-heading").TextContentAsync());
            foreach (var bad in new[] { "#step=%", "#sample=t1000", "#step=12&sample=%E0%A4%A" })
            {
                await tab.Page.EvaluateAsync($"() => {{ location.hash = {System.Text.Json.JsonSerializer.Serialize(bad)}; }}");
                await tab.Page.EvaluateAsync("() => new Promise((done) => setTimeout(done, 50))");
                Assert.True(await TrainingView.StepAsync(tab) == 5, $"after {bad}");
            }
            tab.AssertNoErrors();
        }

        await using (var tab = await browser.OpenTrainingAsync(moons.Run.Page, hash: "#step=%E0%A4%A"))
        {
            Assert.Equal(1, await TrainingView.StepAsync(tab));
            tab.AssertNoErrors();
        }
    }

    [Fact]
    public async Task Using_everything_requests_nothing_but_the_file_itself()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page);
        Assert.StartsWith("file://", tab.Url, StringComparison.Ordinal);
        await tab.Page.Locator("#speed").FillAsync("6");
        await tab.ClickAsync("play");
        await tab.Page.WaitForFunctionAsync("() => window.training.step >= 10");
        await tab.ClickAsync("play");
        await TrainingView.ClickPointAsync(tab, "train", 7);
        await tab.PressAsync("]");
        await tab.ClickAsync("zoom-in");
        await tab.ClickAsync("show-gradients");
        await tab.Page.Locator("#network #p3").DispatchEventAsync("pointerover");
        await tab.Page.Locator("#plane").ClickAsync(new LocatorClickOptions { Position = new Position { X = 10, Y = 10 } });
        await tab.Page.Locator("#train-steps").FillAsync("5");
        await tab.ClickAsync("train-on");
        await tab.Page.WaitForFunctionAsync("() => !window.training.trainingOn && window.training.branchLosses.length === 5");
        await tab.Page.RunAndWaitForDownloadAsync(() => tab.ClickAsync("export-data"));
        await tab.Page.RunAndWaitForDownloadAsync(() => tab.ClickAsync("export-model"));
        await tab.Page.RunAndWaitForDownloadAsync(() => tab.ClickAsync("export-start"));
        await tab.ClickAsync("to-run");
        await TrainingView.ProofAsync(tab);

        // The exports are made in the page (blob: URLs of its own), never fetched.
        lock (tab.Requests) Assert.True(tab.Requests.All(url => url == tab.Url || url.StartsWith("blob:file://", StringComparison.Ordinal)), string.Join(", ", tab.Requests));
        lock (tab.Routed) Assert.True(tab.Routed.All(url => url == tab.Url), "requests beyond the file: " + string.Join(", ", tab.Routed));
        tab.AssertNoErrors();
    }

    [Fact]
    public void The_page_refers_to_nothing_outside_itself()
    {
        var html = File.ReadAllText(moons.Run.Page);
        Assert.Contains("default-src 'none'", html);
        // (URL.createObjectURL and revokeObjectURL make and free the exports' local blob: addresses; a CSS url( would load something.)
        foreach (var reference in new[] { "<link", " src=", "href=", "url(", "@import", "fetch(", "XMLHttpRequest", "WebSocket", "http://", "https://", "innerHTML" })
        {
            var at = html.Replace("ObjectURL(", "Object…", StringComparison.Ordinal).IndexOf(reference, StringComparison.OrdinalIgnoreCase);
            while (at >= 0 && reference == "http://" && html.AsSpan(at).StartsWith("http://www.w3.org/", StringComparison.Ordinal))
            {
                at = html.IndexOf(reference, at + 1, StringComparison.OrdinalIgnoreCase);
            }
            Assert.True(at < 0, $"the page contains '{reference}': …{(at >= 0 ? html.Substring(Math.Max(0, at - 60), 120) : "")}…");
        }
    }

    [Fact]
    public async Task On_a_narrow_screen_the_panels_stack_and_nothing_spills_sideways()
    {
        await using var tab = await browser.OpenTrainingAsync(moons.Run.Page, 400, 800);
        await TrainingView.ClickPointAsync(tab, "train", 3);
        var layout = await tab.Page.EvaluateAsync<double[]>("""
            () => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                   ...['plane-panel', 'chart-panel', 'network-panel', 'sample-panel'].map((id) => document.getElementById(id).getBoundingClientRect().top)]
            """);
        Assert.True(layout[0] <= layout[1], $"the page is {layout[0]} px wide in a {layout[1]} px window");
        Assert.True(layout[2] < layout[3] && layout[3] < layout[4] && layout[4] < layout[5], "the panels are not stacked: " + string.Join(", ", layout.Skip(2)));
        foreach (var id in new[] { "plane", "chart", "network", "graph" })
        {
            var box = await tab.Page.Locator("#" + id).BoundingBoxAsync();
            Assert.True(box is not null && box.Width > 200 && box.X >= 0 && box.X + box.Width <= 400.5, $"#{id} does not fit: {box?.X} + {box?.Width}");
        }
        tab.AssertNoErrors();
    }
}
