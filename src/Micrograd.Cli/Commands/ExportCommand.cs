using System.CommandLine;
using System.Globalization;
using Micrograd.Expressions;
using Micrograd.NN;
using Micrograd.Onnx;

namespace Micrograd.Cli.Commands;

/// <summary>
/// <c>micrograd export --model FILE.json --onnx FILE.onnx [--float32]</c>: a trained network as ONNX, for ONNX Runtime and
/// other inference engines; <c>micrograd export EXPR NAME=VALUE … --onnx FILE.onnx [--constants NAMES]</c> (or
/// <c>--expr-file FILE</c>, as for <c>grad</c>): an expression as ONNX, each variable an input of shape [N] (or, with
/// <c>--constants</c>, an initializer holding its value). The file is written whole or not at all (<see cref="OnnxExport"/>),
/// and never over an input.
/// </summary>
internal static class ExportCommand
{
    private const string ModelOption = "--model";
    private const string OnnxOption = "--onnx";

    /// <summary>The <c>export</c> command, with its arguments and options, which reads and writes through <paramref name="output"/>.</summary>
    public static Command Create(CliOutput output)
    {
        var model = OptionParsers.File(ModelOption, "The model file (JSON) to export, as written by 'train --save'.");
        var onnx = OptionParsers.File(OnnxOption, "The ONNX file to write.", required: true);
        var float32 = new Option<bool>("--float32") { Description = "Write the model in float32 (weights rounded to floats) rather than float64." };
        var constants = new Option<string?>("--constants")
        {
            Description = "Variables of the expression to write as constants holding their given values, comma-separated (such as w,b); the others become inputs.",
            HelpName = "NAMES",
        };
        var opset = OptionParsers.Count("--opset", OptionParsers.WithDefault(
            $"The opset of the default ONNX domain the file states, from {OnnxExport.MinimumOpset} to {OnnxExport.MaximumOpset}.",
            $"the lowest that has every op the file uses, {OnnxExport.MinimumOpset} or more"), OnnxExport.MinimumOpset);
        var command = new Command("export",
            "Write a trained model, or an expression, as an ONNX file that ONNX Runtime and other inference engines run. " +
            "A model takes input x [N, inputs] and gives output score [N, outputs], the scores 'predict' prints; " +
            "an expression takes one input [N] per variable and gives output value [N].")
        {
            model,
            onnx,
            float32,
            constants,
            opset,
        };
        var arguments = ExpressionArguments.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(onnx)!;
            // the ONNX file must not replace an input, links resolved (--model m.json --onnx m.json)
            UserFiles.CheckDistinct([(ModelOption, parse.GetValue(model)), arguments.InputFile(parse, output)], [(OnnxOption, path)]);
            var asked = parse.GetValue(opset);
            if (asked > OnnxExport.MaximumOpset) throw new UsageException($"--opset must be at most {OnnxExport.MaximumOpset}, the latest this version writes");
            if (parse.GetValue(model) is { } modelPath)
            {
                if (arguments.Given(parse)) throw new UsageException("give either --model or an expression to export, not both");
                if (parse.GetValue(constants) is not null) throw new UsageException("--constants names variables of an expression; a --model has none");
                return ExportModel(modelPath, path, parse.GetValue(float32) ? OnnxPrecision.Float32 : OnnxPrecision.Float64, asked, output);
            }
            if (!arguments.Given(parse)) throw new UsageException("nothing to export: give --model FILE.json, or an expression and its NAME=VALUE values");
            if (parse.GetValue(float32)) throw new UsageException("--float32 applies to --model only: an expression is exported in float64");
            var (text, items) = arguments.Read(parse, output);
            return ExportExpression(text, items, parse.GetValue(constants), path, asked, output);
        });
        return command;
    }

    private static int ExportModel(string modelPath, string path, OnnxPrecision precision, int? asked, CliOutput output)
    {
        var model = UserFiles.Read(modelPath, "--model file", () => ModelFile.Load(modelPath));
        UserFiles.CheckWritable(path, "--onnx file");
        int opset;
        try
        {
            opset = asked ?? OnnxExport.LowestOpset(model, precision);
            UserFiles.Write(path, "--onnx file", () => OnnxExport.Save(model, path, precision, opset));
        }
        catch (OnnxExportException e)
        {
            throw new UsageException($"cannot export {modelPath} with --float32: {e.Message} (without --float32)", e);
        }
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: {model}, {(precision == OnnxPrecision.Float64 ? "float64" : "float32")}, input x [N, {model.InputCount}], output score [N, {model.OutputCount}], opset {opset}"));
        return ExitCodes.Ok;
    }

    private static int ExportExpression(string text, string[] items, string? constantList, string path, int? asked, CliOutput output)
    {
        var parsed = Expression.Parse(text);
        var graph = parsed.Build(VariableAssignments.Parse(items));
        var constantNames = (constantList ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (constantList is not null && constantNames.Length == 0) throw new UsageException("--constants is empty: name variables of the expression, such as --constants w,b");
        foreach (var name in constantNames)
        {
            if (!graph.Variables.ContainsKey(name))
                throw new UsageException($"--constants names '{name}', which the expression does not use ({Expression.KnownVariables(parsed.Variables)})");
        }
        var inputs = parsed.Variables.Where(v => !constantNames.Contains(v)).ToList();
        if (inputs.Count == 0)
        {
            throw new UsageException($"cannot export '{text}': the file needs an input, and " +
                (parsed.Variables.Count == 0 ? "the expression has no variable" : "--constants names every variable of the expression"));
        }
        UserFiles.CheckWritable(path, "--onnx file");
        int opset;
        try
        {
            opset = asked ?? OnnxExport.LowestOpset(graph.Root);
            UserFiles.Write(path, "--onnx file", () => OnnxExport.Save(graph.Root, path, constantNames.Select(n => graph.Variables[n]), opset));
        }
        catch (OnnxExportException e)
        {
            throw new UsageException($"cannot export '{text}': {e.Message}", e);
        }

        output.Out.WriteLine($"wrote {path}: {Words.Plural(inputs.Count, "input")} {string.Join(", ", inputs)} [N]" +
            (constantNames.Length == 0 ? "" : $", {Words.Plural(constantNames.Length, "constant")} {string.Join(", ", constantNames)}") +
            $", output value [N], float64, opset {opset}");
        output.Out.WriteLine($"value = {Numbers.Format(graph.Root.Data)}" +
            (items.Length == 0 ? "" : $" at {string.Join(", ", parsed.Variables.Select(v => $"{v}={Numbers.Format(graph.Variables[v].Data)}"))}"));
        return ExitCodes.Ok;
    }
}
