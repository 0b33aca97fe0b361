using System.CommandLine;
using Micrograd.Expressions;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd explore EXPR [NAME=VALUE …] --html FILE</c>: the backpropagation explorer for an expression at a point, one
/// self-contained HTML page that steps through the forward and backward passes. Takes the expressions and values of <c>grad</c>.
/// </summary>
internal static class ExploreCommand
{
    /// <summary>The <c>explore</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var command = new Command("explore",
            "Write the backpropagation explorer for an expression at a point: one HTML page, opened from disk in any browser, that " +
            "steps through the forward pass and the chain rule of the backward pass, node by node, and recomputes both when a value is edited.");
        var arguments = ExpressionArguments.AddTo(command);
        var html = HtmlOption.AddTo(command, required: true);
        var pictures = PictureOptions.AddTo(command);
        command.SetAction(parse =>
        {
            UserFiles.CheckDistinct([arguments.InputFile(parse, output)], [(HtmlOption.Name, html.Path(parse)), .. pictures.Outputs(parse)]);
            var (text, items) = arguments.Read(parse, output);
            var values = VariableAssignments.Parse(items);
            var graph = Expression.Parse(text).Build(values);
            html.Check(parse);
            pictures.Check(parse);

            // the page's title lists the variables in the order given
            var variables = values.Keys.Select(name => graph.Variables[name]).ToList();
            var written = html.Write(parse, graph.Root, text, pictures, output, variables)!;
            pictures.Write(parse, graph.Root, output, arguments.InputFile(parse, output), (HtmlOption.Name, html.Path(parse)));
            output.Out.WriteLine(written);
            return ExitCodes.Ok;
        });
        return command;
    }
}
