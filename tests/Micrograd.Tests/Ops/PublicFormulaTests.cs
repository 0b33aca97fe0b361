using Micrograd.Ops;

namespace Micrograd.Tests.Ops;

/// <summary>
/// The ops' public seam (issue #21): a number type written outside the engine, as another package writes one (the explorer's
/// JavaScript text, the ONNX export's tensors), evaluates every op's own formula through <see cref="Op.Evaluate{T}"/> and
/// <see cref="Op.Contribution{T}"/> and gets the engine's numbers bit for bit, at the ops' edges and at random points.
/// </summary>
public sealed class PublicFormulaTests
{
    /// <summary>A plain double as a user would write it against the public <see cref="IOpNumber{T}"/>: arithmetic, Math, and
    /// the engine's fdlibm port for the three functions .NET lacks.</summary>
    private readonly record struct Plain(double X) : IOpNumber<Plain>
    {
        public static Plain operator +(Plain a, Plain b) => new(a.X + b.X);
        public static Plain operator -(Plain a, Plain b) => new(a.X - b.X);
        public static Plain operator *(Plain a, Plain b) => new(a.X * b.X);
        public static Plain operator /(Plain a, Plain b) => new(a.X / b.X);
        public static Plain operator -(Plain x) => new(-x.X);
        public static Plain Constant(double value) => new(value);
        public static Plain Abs(Plain x) => new(Math.Abs(x.X));
        public static Plain Sqrt(Plain x) => new(Math.Sqrt(x.X));
        public static Plain Exp(Plain x) => new(Math.Exp(x.X));
        public static Plain Log(Plain x) => new(Math.Log(x.X));
        public static Plain Sin(Plain x) => new(Math.Sin(x.X));
        public static Plain Cos(Plain x) => new(Math.Cos(x.X));
        public static Plain Tanh(Plain x) => new(Math.Tanh(x.X));
        public static Plain Atan(Plain x) => new(Math.Atan(x.X));
        public static Plain Erf(Plain x) => new(Fdlibm.Erf(x.X));
        public static Plain Log1p(Plain x) => new(Fdlibm.Log1p(x.X));
        public static Plain Expm1(Plain x) => new(Fdlibm.Expm1(x.X));
        public static Plain Pow(Plain x, Plain y) => new(Math.Pow(x.X, y.X));
        public static Plain FusedMultiplyAdd(Plain a, Plain b, double addend) => new(Math.FusedMultiplyAdd(a.X, b.X, addend));

        public static Plain Choose(Comparison comparison, Plain left, Plain right, Plain ifTrue, Plain ifFalse) => comparison switch
        {
            Comparison.Equal => left.X == right.X,
            Comparison.Less => left.X < right.X,
            Comparison.LessOrEqual => left.X <= right.X,
            Comparison.Greater => left.X > right.X,
            _ => left.X >= right.X,
        } ? ifTrue : ifFalse;
    }

    public static TheoryData<string> Names => [.. OpCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_number_type_of_ones_own_gets_every_ops_numbers_through_the_public_formulas(string name)
    {
        var op = OpCases.Get(name);
        var random = new Random(name.Length * 31 + 7);
        var points = OpCases.Edges.Select(e => Enumerable.Repeat(e, op.Domains.Length).ToArray())
            .Concat(Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, op.Domains.Length).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4))).ToArray()));
        foreach (var point in points)
        {
            var leaves = point.Select(x => new Value(x)).ToArray();
            var node = op.Build(leaves);
            var operation = node.Operation!;
            Assert.True(operation.HasFormula);
            Assert.Equal(node.Op, operation.Name);
            Plain[] operands = [.. node.Children.Select(c => new Plain(c.Data))];
            Exact.Assert(node.Data, operation.Evaluate<Plain>(operands).X, $"{name} at ({string.Join(", ", point)})");
            var g = new Plain(0.75);
            for (var k = 0; k < operands.Length; k++)
            {
                var contribution = operation.Contribution(k, operands, new Plain(node.Data), g).X;
                Exact.Assert(operation.Contribution(node, k, 0.75), contribution, $"{name}'s contribution {k} at ({string.Join(", ", point)})");
                Exact.Assert(operation.Contribution(node, k, 1.0), node.LocalDerivative(k), $"{name}'s local derivative {k}");
            }
        }
    }

    [Fact]
    public void Every_op_describes_itself_and_the_catalog_lists_the_expression_functions()
    {
        foreach (var op in OpCatalog.All)
        {
            Assert.False(string.IsNullOrEmpty(op.Name));
            Assert.False(string.IsNullOrEmpty(op.ForwardText));
            Assert.Equal(op.Arity switch { OpArity.Unary => 1, OpArity.Binary => 2, _ => 1 }, op.DerivativeTexts.Count);
            Assert.Equal(op.Name, op.ToString());
        }
        Assert.All(OpCatalog.Functions, f => Assert.Contains(f, OpCatalog.All));
        var sum = Value.Sum([new Value(1.5), new Value(-2)]).Operation!;
        Assert.Equal(OpArity.Nary, sum.Arity);
        Assert.Equal(1.5 + -2, sum.FoldStep(sum.FoldStep(sum.FoldStart<Plain>(), new Plain(1.5)), new Plain(-2)).X);
        Assert.Throws<NotSupportedException>(() => OpCatalog.All.First(o => o.Arity == OpArity.Unary).FoldStart<Plain>());
    }

    [Fact]
    public void A_users_function_has_no_formula_and_its_local_derivatives_are_its_own()
    {
        var square = new DifferentiableFunction("my_square", 1, x => x[0] * x[0], (x, y, d) => d[0] = 2 * x[0]);
        var node = square.Apply(new Value(3.0));
        Assert.False(node.Operation!.HasFormula);
        Assert.Equal(OpArity.Nary, node.Operation.Arity);
        Assert.Equal("my_square({xs})", node.Operation.ForwardText);
        Assert.Throws<NotSupportedException>(() => node.Operation.Evaluate<Plain>([new Plain(3)]));
        Assert.Equal(6.0, node.LocalDerivative(0));
        Assert.Throws<InvalidOperationException>(() => new Value(1).LocalDerivative(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => node.LocalDerivative(1));
        Assert.Null(new Value(1).Operation);
    }
}
