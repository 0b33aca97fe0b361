using System.Net;
using Micrograd.Graphs;

namespace Micrograd.Explorer;

/// <summary>
/// What a page needs to show a graph with the shared graph view (<c>Page/shared/</c>): its scripts (the numbers, both passes
/// and the steps through them, the picture), its style, and the picture laid out in both directions, as the
/// <c>&lt;template data-direction="LR|TB"&gt;</c> elements that <c>GraphView</c> reads from its container.
/// </summary>
internal static class GraphViewParts
{
    /// <summary>The shared scripts, in the order they must run: <c>Numbers</c>, <c>NodeNames</c> (the engine's names of values), <c>PageKit</c> (the pages' plumbing), <c>GraphPasses</c>,
    /// <c>PictureView</c> (pan and zoom), <c>Minimap</c> (its overview), <c>GraphKeys</c> (its keys), <c>GraphView</c> (a <c>PictureView</c> of a graph), and <c>Player</c> (play and pause at a speed).</summary>
    public static string Scripts => PageTemplate.Resources("shared/numbers.js", "shared/node-names.js", "shared/page-kit.js", "shared/graph-passes.js", "shared/picture-view.js",
        "shared/minimap.js", "shared/graph-keys.js", "shared/graph-view.js", "shared/player.js");

    /// <summary>What every page's head holds first: its character set, its viewport, and the content security policy that forbids
    /// loading anything (so the page never touches the network). It goes in place of the template's <c>&lt;!--{{HEAD}}--&gt;</c>.</summary>
    public static string Head => PageTemplate.Resource("shared/head.html");

    /// <summary>The pages' colours and fonts, their header's and buttons' look, and the graph view's style.</summary>
    public static string Style => PageTemplate.Resources("shared/palette.css", "shared/header.css", "shared/graph-view.css");

    /// <summary>
    /// Lays the picture out with Graphviz in both directions (the two <c>dot</c> runs at once) and returns the two layouts as
    /// template elements.
    /// </summary>
    /// <param name="leftToRight">The DOT text drawn left to right.</param>
    /// <param name="topToBottom">The same drawn top to bottom.</param>
    /// <param name="graphviz">Where to find dot.</param>
    /// <exception cref="GraphvizNotFoundException">dot is not installed.</exception>
    /// <exception cref="GraphvizException">dot failed or timed out.</exception>
    public static string Layouts(string leftToRight, string topToBottom, GraphvizOptions? graphviz)
    {
        var other = Task.Run(() => SvgLayout.Render(topToBottom, graphviz));
        string lr;
        try
        {
            lr = SvgLayout.Render(leftToRight, graphviz);
        }
        catch
        {
            // Never leave the other dot running unobserved; this run's exception is the one reported.
            try { other.Wait(); } catch (AggregateException) { }
            throw;
        }
        var tb = other.GetAwaiter().GetResult();
        return Template("LR", lr) + Template("TB", tb);
    }

    /// <summary>The layout name of the neuron-level picture (<see cref="NeuronDot"/>), beside LR and TB.</summary>
    public const string Neurons = "N";

    /// <summary>Lays the picture out with Graphviz in one direction only (for a page where one is enough), as a template element.</summary>
    /// <param name="direction">The direction of <paramref name="dot"/>: LR or TB.</param>
    /// <param name="dot">The DOT text.</param>
    /// <param name="graphviz">Where to find dot.</param>
    /// <exception cref="GraphvizNotFoundException">dot is not installed.</exception>
    /// <exception cref="GraphvizException">dot failed or timed out.</exception>
    public static string Layout(string direction, string dot, GraphvizOptions? graphviz) => Template(direction, SvgLayout.Render(dot, graphviz));

    /// <summary>A laid-out picture as the template element GraphView reads for a direction.</summary>
    internal static string Template(string direction, string svg) =>
        $"<template data-direction=\"{WebUtility.HtmlEncode(direction)}\">\n{svg}</template>\n";
}
