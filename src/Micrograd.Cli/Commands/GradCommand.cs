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
        var rows = gradients.Select(g => new[] { g.Key, Numbers.Format(graph.Variables[g.Key].Data), Numbers.Format(g.Value) }).ToList();
        WriteWhole(["variable", "value", "gradient"], rows, output);
    }

    /// <summary>The Hessian as a table: the corner says "Hessian", then a row and a column per variable.</summary>
    private static void PrintHessian(List<KeyValuePair<string, double>> gradients, double[,] hessian, CliOutput output)
    {
        var rows = new List<string[]>(gradients.Count);
        for (var i = 0; i < gradients.Count; i++)
        {
            var row = new string[gradients.Count + 1];
            row[0] = gradients[i].Key;
            for (var j = 0; j < gradients.Count; j++) row[j + 1] = Numbers.Format(hessian[i, j]);
            rows.Add(row);
        }
        WriteWhole([HessianCorner, .. gradients.Select(g => g.Key)], rows, output);
    }

    private const string HessianCorner = "Hessian";

    /// <summary>
    /// Writes a table: a header and rows of text, the first column left-aligned and the others right-aligned. On a terminal,
    /// Spectre draws it with borders when it fits the window; when it does not, it would wrap or cut the numbers (a
    /// gradient shown as <c>……</c>), so the table is written as plain lines instead (as is a table of more than
    /// <see cref="MaxTableCells"/> cells), columns separated by two spaces, as
    /// into a file or a pipe, where no window applies and the table is as wide as its numbers need.
    /// </summary>
    private static void WriteWhole(string[] header, List<string[]> rows, CliOutput output)
    {
        // Spectre measures and lays out a table in time far above its size (minutes for a Hessian of 1,200 variables)
        if ((long)header.Length * (rows.Count + 1) > MaxTableCells)
        {
            WritePlain(header, rows, output);
            return;
        }
        var table = new Table().AddColumn(Markup.Escape(header[0]));
        foreach (var name in header[1..]) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        var console = output.Console;
        var needed = ((IRenderable)table).Measure(RenderOptions.Create(console), int.MaxValue).Max;
        if (!output.Terminal)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, needed);
        }
        else if (needed > console.Profile.Width)
        {
            WritePlain(header, rows, output);
            return;
        }
        console.Write(table);
    }

    /// <summary>The most cells a table is drawn with borders; a larger one (a Hessian of more than about 100 variables) is
    /// written as plain lines, in time that grows with its size.</summary>
    internal const int MaxTableCells = 10_000;

    /// <summary>The table as plain lines: each column padded to its widest cell (numbers to the right), two spaces apart.</summary>
    private static void WritePlain(string[] header, List<string[]> rows, CliOutput output)
    {
        var widths = header.Select((h, c) => rows.Aggregate(h.Length, (w, r) => Math.Max(w, r[c].Length))).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
        output.Out.WriteLine(Line(header));
        foreach (var row in rows) output.Out.WriteLine(Line(row));
    }
}
