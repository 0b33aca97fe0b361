// 02: A Value and its graph.
// Look at: each node's data and the op that made it, then 02-graph.svg (or 02-graph.dot without Graphviz): the picture
// the seed notebook draws with draw_dot, a record per value (label | data | grad) and an ellipse per op.
// Run: dotnet run examples/02-value-and-graph.cs
#:package Micrograd@0.2.0-preview.1
using Micrograd;
using Micrograd.Graphs;

var a = new Value(2.0, "a");
var b = new Value(-3.0, "b");
var c = new Value(10.0, "c");
var e = a * b; e.Label = "e";
var d = e + c; d.Label = "d";
var f = new Value(-2.0, "f");
var L = d * f; L.Label = "L";

Console.WriteLine($"L = {L}");
foreach (var node in L.TopologicalOrder())
{
    var made = node.IsLeaf ? "a leaf" : $"'{node.Op}' of {string.Join(", ", node.Children.Select(child => child.Label))}";
    Console.WriteLine($"  {node.Label,-2} data {node.Data,4}  {made}");
}

L.Backward();
Console.WriteLine($"after Backward(): dL/da = {a.Grad}, dL/db = {b.Grad}, dL/dc = {c.Grad}, dL/df = {f.Grad}");

var dot = DotWriter.Write(L);
try
{
    Graphviz.RenderToFile(dot, "02-graph.svg", GraphFormat.Svg);
    Console.WriteLine("wrote 02-graph.svg");
}
catch (GraphvizNotFoundException ex)
{
    Console.WriteLine(ex.Message); // the DOT text is written next to it, as 02-graph.dot
}
