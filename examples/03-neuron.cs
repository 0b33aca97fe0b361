// 03: The seed notebook's neuron, with its picture.
// Look at: y = 0.9989793986334531, the seed's number; the gradients, which say how much y moves per unit of each input;
// then 03-neuron.svg (the graph after backward) and 03-neuron.html (open it in a browser and step through the chain rule).
// Run: dotnet run examples/03-neuron.cs
#:package Micrograd@0.2.0-preview.1
#:package Micrograd.Explorer@0.2.0-preview.1
using System.Globalization;
using Micrograd;
using Micrograd.Explorer;
using Micrograd.Graphs;

// inputs x0, x1, x2; weights w0, w1, w2; bias b
var x0 = new Value(1.6, "x0"); var w0 = new Value(1.3, "w0");
var x1 = new Value(0.8, "x1"); var w1 = new Value(1.2, "w1");
var x2 = new Value(0.5, "x2"); var w2 = new Value(1.1, "w2");
var b = new Value(0.2, "b");

var n = w0 * x0 + w1 * x1 + w2 * x2 + b; n.Label = "n";
var y = n.Tanh(); y.Label = "y";
y.Backward();

Console.WriteLine($"y = tanh(w0·x0 + w1·x1 + w2·x2 + b) = {y.Data.ToString("R", CultureInfo.InvariantCulture)}");
foreach (var v in new[] { w0, x0, w1, x1, w2, x2, b })
{
    Console.WriteLine($"  dy/d{v.Label,-2} = {v.Grad.ToString("R", CultureInfo.InvariantCulture)}");
}

var options = new DotOptions { RankDirection = RankDirection.LeftToRight };
try
{
    Graphviz.RenderToFile(DotWriter.Write(y, options), "03-neuron.svg", GraphFormat.Svg);
    using var page = File.CreateText("03-neuron.html");
    ExplorerPage.Write(y, page, new ExplorerOptions { Title = "The seed's neuron" });
    Console.WriteLine("wrote 03-neuron.svg and 03-neuron.html");
}
catch (GraphvizNotFoundException ex)
{
    Console.WriteLine(ex.Message); // both pictures are laid out by Graphviz
}
