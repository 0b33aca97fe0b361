using System.Text.RegularExpressions;
using Micrograd.Ops;
using Micrograd.Tests.Support;

namespace Micrograd.Tests.Ops;

/// <summary>The explicit list of ops is complete, and every test that reads it covers every op.</summary>
public class OpCatalogTests
{
    [Fact]
    public void Every_op_class_of_the_engine_is_in_the_catalog()
    {
        var classes = EngineOpClasses();
        var listed = OpCatalog.All.Select(op => op.GetType()).ToHashSet();
        Assert.Empty(classes.Except(listed).Select(t => t.Name));
        Assert.True(classes.Count >= 27, $"only {classes.Count} op classes found");
    }

    /// <summary>Every concrete op class of the engine, except the ops of functions a user defines (a
    /// <see cref="DifferentiableFunction"/> and its derivatives), which are made per function and tested in
    /// Functions/DifferentiableFunctionTests.</summary>
    internal static HashSet<Type> EngineOpClasses() =>
        typeof(Op).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Op)) && !t.IsAbstract && t != typeof(FunctionOp) && t != typeof(FunctionDerivativeOp))
            .ToHashSet();

    [Fact]
    public void Every_op_of_the_catalog_has_test_domains_and_a_unique_name()
    {
        Assert.Equal(OpCatalog.All.Count + 2, OpCases.All.Count);
        Assert.Equal(OpCases.All.Count, OpCases.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void The_expression_languages_functions_are_the_catalogs_in_order_of_name()
    {
        var names = OpCatalog.Functions.Select(f => f.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(
            ["abs", "atan", "cos", "elu", "exp", "expm1", "gelu", "hardtanh", "leaky_relu", "log", "log1p", "max", "min", "relu", "sigmoid", "sin", "softplus", "sqrt", "tanh"],
            names);
        Assert.All(OpCatalog.Functions, f => Assert.True(f is UnaryOp or BinaryOp, f.Name));
        Assert.All(OpCatalog.Functions, f => Assert.Contains(f, OpCatalog.All));
    }

    [Fact]
    public void The_engine_guide_lists_every_function_of_the_catalog()
    {
        // the expression language's list and the Value methods' table, in docs/engine.md: a function added to the catalog
        // fails here until the user's documentation names it (the tool's help is made from the catalog itself)
        var page = Regex.Replace(File.ReadAllText(Repository.File("docs/engine.md")), @"\s+", " ");
        var list = Regex.Match(page, "the functions `([a-z0-9_ ]+)` of one argument, and `([a-z ]+)` of two");
        Assert.True(list.Success, "docs/engine.md has no list 'the functions `…` of one argument, and `…` of two'");
        Assert.Equal(OpCatalog.Functions.Where(f => f.Arity == OpArity.Unary).Select(f => f.Name), list.Groups[1].Value.Split(' '));
        Assert.Equal(OpCatalog.Functions.Where(f => f.Arity == OpArity.Binary).Select(f => f.Name), list.Groups[2].Value.Split(' '));
        foreach (var f in OpCatalog.Functions.Where(f => f.Arity == OpArity.Unary))
        {
            var method = string.Concat(f.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "()";
            Assert.True(typeof(Value).GetMethod(method[..^2], Type.EmptyTypes) is not null, $"Value has no method {method} for '{f.Name}'");
            Assert.Contains(method, page);
        }
    }
}
