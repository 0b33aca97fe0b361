using System.CommandLine;
using Micrograd.Expressions;
using Spectre.Console;

namespace Micrograd.Cli.Commands;

/// <summary><c>micrograd grad EXPR [NAME=VALUE …]</c>: the value and gradient of an expression at a point.</summary>
internal static class GradCommand
{
    public static Command Create(CliOutput output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object, {\"value\": v, \"gradients\": {\"x\": gx, ...}}, instead of a table." };

        var command = new Command("grad", "The value of an expression at a point and its gradient with respect to each variable.");
        var arguments = ExpressionArguments.AddTo(command);
        command.Options.Add(json);
        var pictures = PictureOptions.AddTo(command);
        command.SetAction(parse =>
        {
            UserFiles.CheckDistinct([arguments.InputFile(parse)], pictures.Outputs(parse));
            var (text, assignments) = arguments.Read(parse, output);
            var parsed = Expression.Parse(text);
            var graph = parsed.Build(VariableAssignments.Parse(assignments));
            pictures.Check(parse);
            var gradients = graph.Gradients();
            var ordered = parsed.Variables.Select(name => KeyValuePair.Create(name, gradients[name])).ToList();
            pictures.Write(parse, graph.Root, output);

            if (parse.GetValue(json))
            {
                output.Out.WriteLine(JsonResult.Format(graph.Root.Data, ordered));
            }
            else
            {
                Print(graph, ordered, output);
            }
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
        output.Console.Write(table);
    }
}
