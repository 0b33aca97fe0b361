using System.Globalization;
using Micrograd.NN;
using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// An <see cref="Mlp"/> as an ONNX graph: input <c>x</c> [N, inputs]; per layer a Gemm, <c>x·Wᵀ + b</c>, with the layer's
/// weights (one row per neuron, initializer <c>layer{i}.weight</c> [outputs, inputs]) and biases (<c>layer{i}.bias</c> [outputs]),
/// then its activation as its op's formula writes it (<see cref="OnnxOps"/>); output <c>score</c> [N, outputs].
/// </summary>
internal static class MlpExport
{
    /// <summary>The name of the graph's input, the samples' features [N, inputs].</summary>
    public const string Input = "x";

    /// <summary>The name of the graph's output, the last layer's values [N, outputs].</summary>
    public const string Output = "score";

    /// <summary>The graph of <paramref name="model"/>, its weights and biases as initializers of <paramref name="precision"/>
    /// (rounded to the nearest float in float32).</summary>
    public static GraphProto Build(Mlp model, OnnxPrecision precision)
    {
        var graph = new OnnxGraph("micrograd_mlp", precision);
        graph.Reserve(Input);
        graph.Reserve(Output);
        graph.Input(Input, null, model.InputCount);
        var h = Input;
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            var weights = layer.Neurons.SelectMany(n => n.Weights.Select(w => w.Data)).ToArray();
            var biases = layer.Neurons.Select(n => n.Bias.Data).ToArray();
            if (precision == OnnxPrecision.Float32) CheckFloatRange(l, layer);
            var prefix = string.Create(CultureInfo.InvariantCulture, $"layer{l}.");
            graph.Reserve(prefix + "weight");
            graph.Reserve(prefix + "bias");
            graph.Initializer(prefix + "weight", weights, layer.OutputCount, layer.InputCount);
            graph.Initializer(prefix + "bias", biases, layer.OutputCount);
            h = graph.Node("Gemm", [h, prefix + "weight", prefix + "bias"], OnnxGraph.Attribute("transB", 1));
            // the activation's op, as the engine applies it (linear adds no op)
            if (layer.Activation.Apply(new Value(0.0)).Operation is { } op) h = OnnxOps.Apply(op, [new OnnxTensor(graph, h)]).Name;
        }
        graph.Output(h, Output, null, model.OutputCount);
        return graph.Proto;
    }

    /// <summary>Refuses a finite weight or bias that float32 cannot hold (rounding would make it ±Infinity without a word).</summary>
    private static void CheckFloatRange(int l, Layer layer)
    {
        for (var j = 0; j < layer.Neurons.Count; j++)
        {
            var neuron = layer.Neurons[j];
            for (var k = 0; k <= neuron.Weights.Count; k++)
            {
                var x = k < neuron.Weights.Count ? neuron.Weights[k].Data : neuron.Bias.Data;
                if (!double.IsFinite(x) || float.IsFinite((float)x)) continue;
                var what = k < neuron.Weights.Count ? $"weight {k + 1}" : "bias";
                throw new OnnxExportException(string.Create(CultureInfo.InvariantCulture,
                    $"layer {l + 1}, neuron {j + 1}: {what} {x:R} is beyond float32's range (±{float.MaxValue:R}) and would become {(x > 0 ? "" : "-")}Infinity; export it in float64"));
            }
        }
    }

    /// <summary>The layer sizes, inputs first, such as <c>2,16,16,1</c>.</summary>
    public static string LayerSizes(Mlp model) =>
        string.Join(',', model.Layers.Select(l => l.OutputCount).Prepend(model.InputCount).Select(n => n.ToString(CultureInfo.InvariantCulture)));
}
