using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace Micrograd.Onnx;

/// <summary>
/// Builds one ONNX graph: inputs, initializers, nodes and outputs, every tensor of one number type (<see cref="Precision"/>).
/// Names made here never collide with the names the caller reserves (inputs, outputs, labelled constants).
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The symbolic batch dimension of inputs and outputs.</summary>
    public const string Batch = "N";

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _constants = [];
    private int _next;

    /// <summary>An empty graph named <paramref name="name"/> whose tensors are all of <paramref name="precision"/>.</summary>
    public OnnxGraph(string name, OnnxPrecision precision)
    {
        _graph = new GraphProto { Name = name };
        Precision = precision;
    }

    /// <summary>The number type of every tensor of the graph.</summary>
    public OnnxPrecision Precision { get; }

    /// <summary>The ONNX element type of every tensor of the graph: double or float.</summary>
    public int ElementType => (int)(Precision == OnnxPrecision.Float64 ? TensorProto.Types.DataType.Double : TensorProto.Types.DataType.Float);

    /// <summary>The graph as built so far, to put in a model.</summary>
    public GraphProto Proto => _graph;

    /// <summary>Keeps <paramref name="name"/> from being made by <see cref="Fresh"/>; call it before making any node.</summary>
    public void Reserve(string name) => _names.Add(name);

    /// <summary>Adds a graph input; a null dimension is the batch size <see cref="Batch"/>.</summary>
    public void Input(string name, params long?[] shape) => _graph.Input.Add(Info(name, shape));

    /// <summary>Declares <paramref name="tensor"/> as a graph output named <paramref name="name"/>; a null dimension is the batch size.</summary>
    public void Output(string tensor, string name, params long?[] shape)
    {
        var producer = _graph.Node.LastOrDefault(n => n.Output.Contains(tensor));
        if (producer is null || _graph.Node.Any(n => n.Input.Contains(tensor)) || _graph.Output.Any(o => o.Name == tensor))
        {
            // an input or a constant, or a value read elsewhere too: copy it out under the output's name
            _graph.Node.Add(new NodeProto { OpType = "Identity", Input = { tensor }, Output = { name } });
        }
        else
        {
            // rename the output of the node that makes it, since nothing else reads it
            producer.Output[producer.Output.IndexOf(tensor)] = name;
        }
        _graph.Output.Add(Info(name, shape));
    }

    /// <summary>Adds a node of the default ONNX domain and returns the name of its one output.</summary>
    public string Node(string opType, params string[] inputs) => Node(opType, inputs, []);

    /// <summary>Adds a node with attributes and returns the name of its one output.</summary>
    public string Node(string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var output = Fresh("t");
        var node = new NodeProto { OpType = opType, Output = { output } };
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A scalar constant of the graph's number type, as an initializer (one per value: a value asked for again
    /// is the same initializer); returns its name.</summary>
    public string Constant(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (_constants.TryGetValue(bits, out var known)) return known;
        var name = Fresh("c");
        Initializer(name, [value]);
        _constants.Add(bits, name);
        return name;
    }

    /// <summary>Adds an initializer of the graph's number type, of shape <paramref name="shape"/> (a scalar when empty),
    /// its values in row-major order.</summary>
    public void Initializer(string name, ReadOnlySpan<double> values, params long[] shape)
    {
        var tensor = new TensorProto { Name = name, DataType = ElementType };
        tensor.Dims.AddRange(shape);
        tensor.RawData = Precision == OnnxPrecision.Float64 ? LittleEndian64(values) : LittleEndian32(values);
        _graph.Initializer.Add(tensor);
    }

    /// <summary>An integer attribute of a node, such as Gemm's <c>transB</c>.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>A name no other tensor of this graph has, nor any reserved name.</summary>
    private string Fresh(string stem)
    {
        string name;
        do name = stem + _next++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (!_names.Add(name));
        return name;
    }

    private ValueInfoProto Info(string name, long?[] shape)
    {
        var dims = new TensorShapeProto();
        foreach (var d in shape)
        {
            dims.Dim.Add(d is { } size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = Batch });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = ElementType, Shape = dims } },
        };
    }

    // raw_data is little-endian whatever the machine (onnx.proto, TensorProto.raw_data)
    private static ByteString LittleEndian64(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return ByteString.CopyFrom(bytes);
    }

    private static ByteString LittleEndian32(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), (float)values[i]);
        return ByteString.CopyFrom(bytes);
    }
}
