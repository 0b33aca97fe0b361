// 05: A multilayer perceptron learns the two moons, as in the seed's demo.
// Look at: the loss falling and the accuracy rising to 1 over 100 steps; then 05-moons.png (the decision regions over the
// data, and the loss curve) and 05-moons.html: open it in a browser, drag the slider through the run, click a point to see
// its backpropagation at that step, add a point and press "Train on" to watch the boundary move.
// Run: dotnet run examples/05-moons-mlp.cs
#:package Micrograd@0.2.0-preview.1
#:package Micrograd.Plots@0.2.0-preview.1
#:package Micrograd.Explorer@0.2.0-preview.1
using System.Globalization;
using Micrograd.Explorer;
using Micrograd.Graphs;
using Micrograd.NN;
using Micrograd.Plots;

static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);

// 100 points on two interleaved half circles, labelled -1 and 1; a 2-16-16-1 network of relu neurons, weights uniform in [-1, 1).
var data = DataGenerators.Moons(100, 0.1, new Random(1337));
var model = new Mlp(2, [16, 16, 1], new Random(1338));
Console.WriteLine($"{model}: {model.Parameters.Count} parameters, on {data.Count} moons");

// The demo's objective (max-margin loss + 1e-4 · Σp²) and optimizer (SGD, the learning rate decaying from 1.0 to 0.1).
var objective = new Objective(model, Loss.Hinge, l2: 1e-4);
var optimizer = new Sgd(model.Parameters, LearningRateSchedule.Linear(1.0, 0.1, steps: 100));
var trainer = new Trainer(new CompiledEngine(objective), optimizer, BatchSampler.Full(data));

// The recorder keeps what the training page needs to replay every step exactly.
var recorder = new TrainingRecorder(trainer);
for (var k = 0; k < 100; k++)
{
    var step = trainer.Step();
    recorder.Record(step);
    if (step.Step % 10 == 0 || step.Step == 99) Console.WriteLine($"step {step.Step + 1,3}: loss {N(step.Loss)}, accuracy {N(step.Accuracy)}");
}
var end = objective.Evaluate(data);
recorder.RecordEnd(end);
Console.WriteLine($"after 100 steps: loss {N(end.Loss)}, accuracy {N(end.Accuracy)}");

TrainingPlot.SavePng("05-moons.png", model, data, trainer.History, "moons: 2-16-16-1, hinge loss");
Console.WriteLine("wrote 05-moons.png");
try
{
    var page = TrainingPage.Render(recorder, new TrainingPageOptions { Title = "An MLP learns the moons", Command = "dotnet run examples/05-moons-mlp.cs" });
    File.WriteAllText("05-moons.html", page);
    Console.WriteLine("wrote 05-moons.html");
}
catch (GraphvizNotFoundException ex)
{
    Console.WriteLine(ex.Message); // the page lays one sample's graph out with Graphviz
}
