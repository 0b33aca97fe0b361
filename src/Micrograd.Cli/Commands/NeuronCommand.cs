using System.CommandLine;
using Spectre.Console;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd neuron [--svg FILE] [--html FILE] [--rankdir TB|LR]</c>: the seed notebook's neuron y = tanh(w0*x0 + w1*x1 + w2*x2 + b),
/// its value and gradients, and a picture of its graph after backward.
/// </summary>
internal static class NeuronCommand
{
    /// <summary>The <c>neuron</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("neuron",
            "The seed's example: one neuron y = tanh(w0*x0 + w1*x1 + w2*x2 + b). Prints y and every input's gradient, draws the graph after backward with --svg, --png, --pdf or --dot, and writes the backpropagation explorer with --html.");
        var pictures = PictureOptions.AddTo(command);
        var html = HtmlOption.AddTo(command, required: false);
        command.SetAction(parse =>
        {
            UserFiles.CheckDistinct([], [.. pictures.Outputs(parse), (HtmlOption.Name, html.Path(parse))]);
            pictures.Check(parse);
            html.Check(parse);
            var neuron = SeedNeuron.Build();
            neuron.Output.Backward();
            // the results first, so that a picture that cannot be drawn (no Graphviz) does not hide them
            Print(neuron, output);
            pictures.Write(parse, neuron.Output, output);
            var written = html.Write(parse, neuron.Output, SeedNeuron.Title, pictures, output);
            if (written is not null) output.Out.WriteLine(written);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(SeedNeuron neuron, CliOutput output)
    {
        output.Out.WriteLine($"y = {Numbers.Format(neuron.Output.Data)}");
        var table = new Table().AddColumn("input").AddColumn(new TableColumn("data").RightAligned()).AddColumn(new TableColumn("grad").RightAligned());
        foreach (var leaf in neuron.Inputs)
        {
            table.AddRow(Markup.Escape(leaf.Label), Numbers.Format(leaf.Data), Numbers.Format(leaf.Grad));
        }
        output.Console.Write(table);
    }
}
