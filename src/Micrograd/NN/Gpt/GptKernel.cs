namespace Micrograd.NN.Gpt;

/// <summary>
/// The compiled GPT: the graph that <see cref="Gpt.Loss"/> builds, written out as loops over flat arrays (the parameters in
/// <see cref="GptLayout"/> order, and every value of a document's forward pass kept for the backward one). It makes no
/// node and allocates nothing per step.
/// </summary>
/// <remarks>
/// <para>Forward computes each value with the operation the graph's op performs (<see cref="GptFunctions"/>), in the same
/// order. Backward gives every value the gradient <see cref="Value.Backward"/> gives its node: the same contributions
/// (local derivative times the consumer's gradient, as each op's formula writes it), added in the same order. That order
/// is the reverse of the graph's depth-first post-order from the loss, which visits each position's target logit first,
/// then the other logits; inside a block it reaches the MLP from its first output, the attention from the output
/// projection's first row, and each head's query and key rows from its scores before its value rows. Each multi-use value
/// below names the order its uses are added in; the tests compare every gradient with the eager graph's, bit for bit.</para>
/// </remarks>
internal sealed partial class GptKernel
{
    private readonly GptLayout _layout;
    private readonly int _width, _heads, _headWidth, _context, _vocabulary, _layers, _hidden;
    private readonly double _widthInverse, _attentionScale;

    // Forward values. [p]: one per position; [l, p]: per layer and position; each a row of the width given.
    private readonly double[] _emb, _embA, _embScale, _x0;               // [p] × width, [p], [p], [p] × width
    private readonly double[] _xa, _q, _k, _v, _attended, _xm, _xb, _xf; // [l, p] × width
    private readonly double[] _aA, _scaleA, _aB, _scaleB;                // [l, p]
    private readonly double[] _f, _r;                                    // [l, p] × hidden
    private readonly double[] _exp, _weight;                             // [l, p, head] × context: exp(score − max), attention weight
    private readonly double[] _total, _inverse;                          // [l, p, head]
    private readonly double[] _logitExp, _logitTotal, _logitInverse, _probability; // [p] × vocabulary, [p], [p], [p]
    private readonly int[] _tokens;                                      // the document's tokens

    public GptKernel(GptLayout layout)
    {
        _layout = layout;
        var config = layout.Config;
        (_width, _heads, _headWidth, _context, _vocabulary, _layers) =
            (config.EmbeddingWidth, config.Heads, config.HeadWidth, config.ContextLength, layout.Vocabulary, config.Layers);
        _hidden = 4 * _width;
        _widthInverse = Math.Pow(_width, -1);
        _attentionScale = Math.Pow(Math.Pow(_headWidth, 0.5), -1);
        Parameters = new double[layout.Count];
        Gradients = new double[layout.Count];

        int positions = _context, rows = _layers * positions;
        _emb = new double[positions * _width];
        _embA = new double[positions];
        _embScale = new double[positions];
        _x0 = new double[positions * _width];
        _xa = new double[rows * _width];
        _q = new double[rows * _width];
        _k = new double[rows * _width];
        _v = new double[rows * _width];
        _attended = new double[rows * _width];
        _xm = new double[rows * _width];
        _xb = new double[rows * _width];
        _xf = new double[rows * _width];
        _aA = new double[rows];
        _scaleA = new double[rows];
        _aB = new double[rows];
        _scaleB = new double[rows];
        _f = new double[rows * _hidden];
        _r = new double[rows * _hidden];
        _exp = new double[rows * _heads * positions];
        _weight = new double[rows * _heads * positions];
        _total = new double[rows * _heads];
        _inverse = new double[rows * _heads];
        _logitExp = new double[positions * _vocabulary];
        _logitTotal = new double[positions];
        _logitInverse = new double[positions];
        _probability = new double[positions];
        _tokens = new int[positions + 1];

        _gradKeys = new double[rows * _width];
        _gradValues = new double[rows * _width];
        _gX = new double[_width];
        _gXm = new double[_width];
        _gXb = new double[_width];
        _gXa = new double[_width];
        _gAttended = new double[_width];
        _gQ = new double[_width];
        _gR = new double[_hidden];
        _gF = new double[_hidden];
        _gLogits = new double[_vocabulary];
        _gEmb = new double[_width];
        _gWeight = new double[positions];
        _gExp = new double[positions];
        _gScore = new double[positions];
    }

    /// <summary>The parameters, in <see cref="GptLayout"/> order.</summary>
    public double[] Parameters { get; }

    /// <summary>d(loss)/d(parameter) after <see cref="LossAndGradients"/>, in <see cref="GptLayout"/> order.</summary>
    public double[] Gradients { get; }

    public GptLayout Layout => _layout;

    /// <summary>The loss of a document (<see cref="Gpt.Loss"/>'s value) and every parameter's gradient in
    /// <see cref="Gradients"/> (replacing what was there).</summary>
    /// <param name="tokens">BOS, the characters, BOS; at least 2 tokens, each in range.</param>
    public double LossAndGradients(ReadOnlySpan<int> tokens)
    {
        var n = Math.Min(_context, tokens.Length - 1);
        tokens[..(n + 1)].CopyTo(_tokens);
        double sum = 0; // Σ lossₚ, from 0, left to right
        for (var p = 0; p < n; p++)
        {
            ForwardPosition(p, _tokens[p]);
            sum += PositionLoss(p, _tokens[p + 1]);
        }
        var scale = 1.0 / n;
        Backward(n, 1.0 * scale);
        return sum * scale;
    }

    /// <summary>The logits after <paramref name="token"/> at <paramref name="position"/>, with the keys and values of this
    /// document's earlier positions (those computed since position 0 was last run): <see cref="Gpt.Forward"/>'s values.</summary>
    public void Logits(int token, int position, Span<double> logits)
    {
        var x = ForwardPosition(position, token);
        GptDense.MatVec(Parameters.AsSpan(_layout.Head, _vocabulary * _width), x, logits);
    }

    private int Row(int layer, int p) => (layer * _context) + p;

    /// <summary>One position of microgpt's <c>gpt</c>: stores every value the backward pass reads; returns the last
    /// layer's output (the logits' input).</summary>
    private ReadOnlySpan<double> ForwardPosition(int p, int token)
    {
        var w = Parameters.AsSpan();
        var emb = _emb.AsSpan(p * _width, _width);
        var tok = w.Slice(_layout.TokenEmbedding + (token * _width), _width);
        var pos = w.Slice(_layout.PositionEmbedding + (p * _width), _width);
        for (var i = 0; i < _width; i++) emb[i] = tok[i] + pos[i];
        var x = _x0.AsSpan(p * _width, _width);
        (_embA[p], _embScale[p]) = RmsNorm(emb, x);

        for (var l = 0; l < _layers; l++)
        {
            var o = _layout.Layers[l];
            var row = Row(l, p);
            var at = row * _width;
            var xa = _xa.AsSpan(at, _width);
            (_aA[row], _scaleA[row]) = RmsNorm(x, xa);
            GptDense.MatVec(w.Slice(o.Wq, _width * _width), xa, _q.AsSpan(at, _width));
            GptDense.MatVec(w.Slice(o.Wk, _width * _width), xa, _k.AsSpan(at, _width));
            GptDense.MatVec(w.Slice(o.Wv, _width * _width), xa, _v.AsSpan(at, _width));
            Attention(l, p);
            var xm = _xm.AsSpan(at, _width);
            GptDense.MatVec(w.Slice(o.Wo, _width * _width), _attended.AsSpan(at, _width), xm);
            for (var i = 0; i < _width; i++) xm[i] += x[i];
            var xb = _xb.AsSpan(at, _width);
            (_aB[row], _scaleB[row]) = RmsNorm(xm, xb);
            var f = _f.AsSpan(row * _hidden, _hidden);
            var r = _r.AsSpan(row * _hidden, _hidden);
            GptDense.MatVec(w.Slice(o.Fc1, _hidden * _width), xb, f);
            for (var i = 0; i < _hidden; i++) r[i] = f[i] < 0 ? 0 : f[i]; // relu (−0 and NaN stay)
            var xf = _xf.AsSpan(at, _width);
            GptDense.MatVec(w.Slice(o.Fc2, _width * _hidden), r, xf);
            for (var i = 0; i < _width; i++) xf[i] += xm[i];
            x = xf;
        }
        return x;
    }

    /// <summary>microgpt's <c>rmsnorm</c> of <paramref name="x"/> into <paramref name="y"/>; returns <c>ms + ε</c> (the
    /// power's operand) and the scale.</summary>
    private (double A, double Scale) RmsNorm(ReadOnlySpan<double> x, Span<double> y)
    {
        double sum = 0;
        for (var i = 0; i < x.Length; i++) sum += x[i] * x[i];
        var a = (sum * _widthInverse) + GptFunctions.RmsNormEpsilon;
        var scale = Math.Pow(a, -0.5);
        for (var i = 0; i < x.Length; i++) y[i] = x[i] * scale;
        return (a, scale);
    }

    /// <summary>Every head's causal attention at position <paramref name="p"/> of layer <paramref name="l"/>, over the keys and
    /// values of positions 0 … p.</summary>
    private void Attention(int l, int p)
    {
        var row = Row(l, p);
        var q = _q.AsSpan(row * _width, _width);
        var keys = _k.AsSpan(Row(l, 0) * _width, (p + 1) * _width);
        var values = _v.AsSpan(Row(l, 0) * _width, (p + 1) * _width);
        var attended = _attended.AsSpan(row * _width, _width);
        for (var h = 0; h < _heads; h++)
        {
            var hs = h * _headWidth;
            var head = (row * _heads) + h;
            var exp = _exp.AsSpan(head * _context, p + 1);
            var weight = _weight.AsSpan(head * _context, p + 1);
            for (var t = 0; t <= p; t++)
            {
                double s = 0;
                for (var j = 0; j < _headWidth; j++) s += q[hs + j] * keys[(t * _width) + hs + j];
                exp[t] = s * _attentionScale; // the score, until it is replaced by exp(score − max)
            }
            var max = exp[0];
            for (var t = 1; t <= p; t++)
            {
                if (exp[t] > max) max = exp[t];
            }
            double total = 0;
            for (var t = 0; t <= p; t++)
            {
                exp[t] = Math.Exp(exp[t] + (-max));
                total += exp[t];
            }
            var inverse = Math.Pow(total, -1);
            _total[head] = total;
            _inverse[head] = inverse;
            for (var t = 0; t <= p; t++) weight[t] = exp[t] * inverse;
            for (var j = 0; j < _headWidth; j++)
            {
                double s = 0;
                for (var t = 0; t <= p; t++) s += weight[t] * values[(t * _width) + hs + j];
                attended[hs + j] = s;
            }
        }
    }

    /// <summary>The logits, softmax and −log p(target) at position <paramref name="p"/>, after <see cref="ForwardPosition"/>.</summary>
    private double PositionLoss(int p, int target)
    {
        var x = _xf.AsSpan(Row(_layers - 1, p) * _width, _width);
        var e = _logitExp.AsSpan(p * _vocabulary, _vocabulary);
        GptDense.MatVec(Parameters.AsSpan(_layout.Head, _vocabulary * _width), x, e);
        var max = e[0];
        for (var k = 1; k < e.Length; k++)
        {
            if (e[k] > max) max = e[k];
        }
        double total = 0;
        for (var k = 0; k < e.Length; k++)
        {
            e[k] = Math.Exp(e[k] + (-max));
            total += e[k];
        }
        var inverse = Math.Pow(total, -1);
        _logitTotal[p] = total;
        _logitInverse[p] = inverse;
        var probability = e[target] * inverse;
        _probability[p] = probability;
        return -Math.Log(probability);
    }
}
