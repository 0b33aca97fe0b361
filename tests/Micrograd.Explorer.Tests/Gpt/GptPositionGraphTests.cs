using Micrograd.NN;
using Micrograd.NN.Gpt;

namespace Micrograd.Explorer.Tests.Gpt;

/// <summary>
/// The trace of one position's loss (<see cref="GptPositionGraph"/>), which the GPT page draws and computes: each
/// position's loss is the document's term (their mean, as <see cref="Micrograd.NN.Gpt.Gpt.Loss"/> takes it, is the document's
/// loss, bit for bit); every leaf has a role the page can fill in; each softmax's −max is its logits' first largest,
/// negated; and the sizes the page is made for.
/// </summary>
public sealed class GptPositionGraphTests
{
    private static readonly int[] Tokens = [26, 4, 12, 12, 0, 26]; // BOS e m m a BOS

    private static Micrograd.NN.Gpt.Gpt Model(GptConfig config) => Micrograd.NN.Gpt.Gpt.Create(config, 27, new PythonRandom(3));

    [Fact]
    public void The_positions_losses_are_the_documents_terms()
    {
        var config = new GptConfig(layers: 2, embeddingWidth: 8, heads: 2, contextLength: 8);
        var model = Model(config);
        var n = Tokens.Length - 1;
        var sum = 0.0;
        for (var p = 0; p < n; p++) sum += GptPositionGraph.Build(model, Tokens, p).Graph.Root.Data;
        Assert.Equal(BitConverter.DoubleToInt64Bits(model.Loss(Tokens).Data), BitConverter.DoubleToInt64Bits(sum * (1.0 / n)));
    }

    [Fact]
    public void Every_leaf_has_a_role_and_each_max_is_its_logits_first_largest_negated()
    {
        var config = new GptConfig(layers: 2, embeddingWidth: 8, heads: 2, contextLength: 8);
        var model = Model(config);
        var traced = GptPositionGraph.Build(model, Tokens, 3);
        var nodes = traced.Graph.Nodes;
        // layer 0 attends at positions 0 … 3 (its keys and values feed layer 1), layer 1 at position 3, then the logits
        Assert.Equal((config.Heads * 4) + config.Heads + 1, traced.Softmaxes.Count);
        for (var id = 0; id < nodes.Count; id++)
        {
            switch (traced.Roles[id])
            {
                case GptPositionGraph.Role.Computed:
                    Assert.False(nodes[id].IsLeaf);
                    break;
                case GptPositionGraph.Role.Parameter:
                    Assert.Same(model.Parameters[traced.Indices[id]], nodes[id]);
                    break;
                case GptPositionGraph.Role.Max:
                    var logits = traced.Softmaxes[traced.Indices[id]].Select(k => nodes[k].Data).ToArray();
                    var max = logits[0];
                    foreach (var x in logits.Skip(1)) if (x > max) max = x;
                    Assert.Equal(-max, nodes[id].Data);
                    break;
                default:
                    Assert.True(nodes[id].IsLeaf);
                    Assert.Contains(nodes[id].Data, new[] { 1e-5, Math.Pow(8, -1), Math.Pow(Math.Pow(4, 0.5), -1) });
                    break;
            }
        }
        Assert.Equal(traced.Target, Tokens[4]);
        Assert.Equal("loss", nodes[^1].Label);
    }

    [Fact]
    public void The_page_shows_position_3_of_the_default_model_and_position_0_of_a_wide_one()
    {
        int[] distinct = [26, 1, 2, 3, 4, 5, 26]; // no character twice (a repeated one shares its embedding's leaves)
        var graph = GptPositionGraph.ForPage(Model(new GptConfig()), distinct);
        Assert.Equal(3, graph.Position);
        Assert.Equal(9803, graph.Graph.Nodes.Count);
        // the linear rows (position 3's q, k, v, o, fc1, fc2 and lm_head's; the keys and values of positions 0 to 2), then
        // each head's 4 scores q·k and its 4 weighted sums Σ a·v
        Assert.Equal((4 * 16) + 64 + 16 + 27 + (3 * 32), NeuronGroups.Find(graph.Graph).Count);
        Assert.Equal(267 + (4 * 4) + 16, GptPositionGraph.DotProducts(graph.Graph).Count);
        Assert.Equal(2, GptPositionGraph.ForPage(Model(new GptConfig()), [26, 0, 1, 26]).Position); // the last position of a short name
        var wide = GptPositionGraph.ForPage(Micrograd.NN.Gpt.Gpt.Create(new GptConfig(embeddingWidth: 32), 27, new PythonRandom(3)), distinct);
        Assert.Equal(0, wide.Position);
        Assert.Equal(27335, wide.Graph.Nodes.Count);
    }

    [Fact]
    public void A_position_without_a_next_token_or_past_the_context_is_refused()
    {
        var model = Model(new GptConfig(layers: 1, embeddingWidth: 8, heads: 2, contextLength: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => GptPositionGraph.Build(model, Tokens, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => GptPositionGraph.Build(model, Tokens, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => GptPositionGraph.Build(model, Tokens, -1));
    }

    [Fact]
    public void Each_dot_product_is_named_as_the_transformer_names_it()
    {
        // One layer, width 16, 4 heads (head width 4), at position 3.
        var config = new GptConfig(layers: 1, embeddingWidth: 16, heads: 4, contextLength: 8);
        var model = Model(config);
        var traced = GptPositionGraph.Build(model, Tokens, 3);
        var (groups, names) = GptDotNames.Of(traced, model, GptPositionGraph.DotProducts(traced.Graph));
        Assert.Equal(groups.Count, names.Count);
        var captions = groups.Select(g => g.Text).ToArray();
        // Each head scores the query at 3 against the keys at 0 … 3, and sums the 4 values' rows for each of its 4 channels.
        Assert.Equal(config.Heads * 4, captions.Count(c => c == "Σ4 q·k"));
        Assert.Equal(16, captions.Count(c => c == "Σ4 a·v"));
        for (var h = 0; h < config.Heads; h++)
            for (var u = 0; u <= 3; u++)
                Assert.Contains($"h{h} q₃·k{(char)('₀' + u)}", names.Values);
        for (var c = 0; c < 16; c++) Assert.Contains($"a·v₃[{c}]", names.Values);
        // The linear rows at position 3: the query, the attention's output, the MLP's and every logit; keys and values at 0 … 3.
        for (var r = 0; r < 16; r++)
        {
            Assert.Contains($"q₃[{r}]", names.Values);
            Assert.Contains($"o₃[{r}]", names.Values);
            Assert.Contains($"f₃[{r}]", names.Values);
            for (var u = 0; u <= 3; u++)
            {
                Assert.Contains($"k{(char)('₀' + u)}[{r}]", names.Values);
                Assert.Contains($"v{(char)('₀' + u)}[{r}]", names.Values);
            }
        }
        for (var r = 0; r < 64; r++) Assert.Contains($"h₃[{r}]", names.Values);
        for (var t = 0; t < 27; t++) Assert.Contains($"logit₃[{t}]", names.Values);
        Assert.Contains("Σ16 wq[5]·x", captions);
        Assert.Contains("Σ16 fc1[7]·x → relu", captions);
        Assert.Contains("Σ64 fc2[0]·x", captions);
        Assert.Contains("Σ16 lm_head[26]·x", captions);
        // The names are one each, and a linear row's name is its output's: the query's row 5 is made by wq's row 5.
        Assert.Equal(names.Count, names.Values.Distinct().Count());
        var q5 = names.Single(p => p.Value == "q₃[5]").Key;
        Assert.Equal("Σ16 wq[5]·x", groups.Single(g => g.Output == q5).Text);
    }

    [Fact]
    public void With_two_layers_a_name_starts_with_its_layer()
    {
        var config = new GptConfig(layers: 2, embeddingWidth: 8, heads: 2, contextLength: 8);
        var model = Model(config);
        var traced = GptPositionGraph.Build(model, Tokens, 2);
        var (_, names) = GptDotNames.Of(traced, model, GptPositionGraph.DotProducts(traced.Graph));
        Assert.Contains("L0 h1 q₁·k₀", names.Values);
        Assert.Contains("L1 h1 q₂·k₀", names.Values);
        Assert.Contains("L1 q₂[7]", names.Values);
        Assert.Contains("logit₂[26]", names.Values);
        Assert.Equal(names.Count, names.Values.Distinct().Count());
    }

}
