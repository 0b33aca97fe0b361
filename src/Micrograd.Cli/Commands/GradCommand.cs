using System.CommandLine;
using Micrograd.Expressions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd grad EXPR [NAME=VALUE …] [--hessian] [--direction x=1,y=0]</c>: the value and gradient of an expression at a
/// point; also its Hessian (gradients of the gradients, in reverse mode) and a directional derivative (in forward mode).
/// </summary>
internal static class GradCommand
{
    /// <summary>The <c>grad</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object, {\"value\": v, \"gradients\": {\"x\": gx, ...}}, instead of tables; with --hessian it " +
                          "has \"hessian\": {\"x\": {\"x\": hxx, \"y\": hxy}, ...}, with --direction \"directional\": d.",
        };
        var hessian = new Option<bool>("--hessian")
        {
            Description = "Also print the Hessian, the second derivatives (the gradient of each gradient): a row and a column per variable, in the order of the gradients.",
        };
        var direction = new Option<string?>(Direction.Option)
        {
            Description = "Also print the directional derivative along a vector, by forward mode: the gradient dotted with it. " +
                          "Give a component per variable, such as x=1,y=0; a variable left out is 0.",
            HelpName = "NAME=NUMBER,...",
        };

        var command = new Command("grad", "The value of an expression at a point and its gradient with respect to each variable (and its Hessian, and a directional derivative).");
        var arguments = ExpressionArguments.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(hessian);
        command.Options.Add(direction);
        var pictures = PictureOptions.AddTo(command);
        command.SetAction(parse =>
        {
            UserFiles.CheckDistinct([arguments.InputFile(parse, output)], pictures.Outputs(parse));
            var (text, assignments) = arguments.Read(parse, output);
            var parsed = Expression.Parse(text);
            var graph = parsed.Build(VariableAssignments.Parse(assignments));
            var vector = parse.GetValue(direction) is { } d ? Direction.Parse(d, parsed.Variables) : null;
            pictures.Check(parse);
            var gradients = graph.Gradients();
            var ordered = parsed.Variables.Select(name => KeyValuePair.Create(name, gradients[name])).ToList();
            var leaves = parsed.Variables.Select(name => graph.Variables[name]).ToList();
            var second = parse.GetValue(hessian) ? Derivatives.HessianOfGraph(graph.Root, leaves) : null;
            double? along = vector is null ? null : Derivatives.DirectionalOfGraph(graph.Root, leaves, vector);
            pictures.Write(parse, graph.Root, output, arguments.InputFile(parse, output));

            if (parse.GetValue(json))
            {
                output.Out.WriteLine(JsonResult.Format(graph.Root.Data, ordered, second, along));
                return ExitCodes.Ok;
            }
            Print(graph, ordered, output);
            if (second is not null && ordered.Count > 0) PrintHessian(ordered, second, output);
            if (along is { } a) output.Out.WriteLine($"directional derivative along {Direction.Format(parsed.Variables, vector!)} = {Numbers.Format(a)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(ExpressionGraph graph, List<KeyValuePair<string, double>> gradients, CliOutput output)
    {
        output.Out.WriteLine($"value = {Numbers.Format(graph.Root.Data)}");
        if (gradients.Count == 0)
        {
            output.Out.WriteLine("(no variables, so no gradients)");
            return;
        }
        var table = new Table().AddColumn("variable").AddColumn(new TableColumn("value").RightAligned()).AddColumn(new TableColumn("gradient").RightAligned());
        foreach (var (name, gradient) in gradients)
        {
            table.AddRow(Markup.Escape(name), Numbers.Format(graph.Variables[name].Data), Numbers.Format(gradient));
        }
        WriteWhole(table, output);
    }

    /// <summary>The Hessian as a table: the corner says "Hessian", then a row and a column per variable.</summary>
    private static void PrintHessian(List<KeyValuePair<string, double>> gradients, double[,] hessian, CliOutput output)
    {
        var table = new Table().AddColumn("Hessian");
        foreach (var (name, _) in gradients) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        for (var i = 0; i < gradients.Count; i++)
        {
            var row = new string[gradients.Count + 1];
            row[0] = Markup.Escape(gradients[i].Key);
            for (var j = 0; j < gradients.Count; j++) row[j + 1] = Numbers.Format(hessian[i, j]);
            table.AddRow(row);
        }
        WriteWhole(table, output);
    }

    /// <summary>
    /// Writes a table. On a terminal, Spectre fits it to the window, wrapping cells; into a file or a pipe no window applies,
    /// so the table is as wide as its numbers need and none is cut over two lines.
    /// </summary>
    private static void WriteWhole(Table table, CliOutput output)
    {
        var console = output.Console;
        if (!output.Terminal)
        {
            var needed = ((IRenderable)table).Measure(RenderOptions.Create(console), int.MaxValue).Max;
            console.Profile.Width = Math.Max(console.Profile.Width, needed);
        }
        console.Write(table);
    }
}
