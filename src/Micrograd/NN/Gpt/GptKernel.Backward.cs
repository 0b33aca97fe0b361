namespace Micrograd.NN.Gpt;

// The backward pass of GptKernel. Every gradient below is the one Value.Backward gives the same node of Gpt.Loss's graph:
// the sum, from −0 (so one contribution is the gradient itself), of its uses' contributions in the order the reverse depth-first post-order reaches them. Within one
// position the uses are (first added → last):
//   a logit's input x[j]            every other logit row from the last to the first, then the target's row;
//   a block's input x[i]            its residual add, its rmsnorm output, then its square (twice, as x·x);
//   an rmsnorm's scale              the outputs from the last to the first;
//   a linear layer's input          the rows from the last to the first, in the order the rows were reached: the MLP's
//                                   and the output projection's rows in order; q, k and v rows head by head, each head's
//                                   query rows, then its key rows (interleaved, q then k, at position 0, where the keys are
//                                   new), then its value rows;
//   an attention weight             the head's outputs from the last to the first;
//   exp(score − max)                its weight, then the softmax's total;
//   the softmax's total             the weights' powers (total ** −1), from the last position to the first;
//   a query entry                   the scores from the last position to the first.
// Across positions, a parameter, a key and a value receive one contribution per later position, the last position first:
// so positions are swept from the last to the first.
internal sealed partial class GptKernel
{
    private readonly double[] _gradKeys, _gradValues;          // [l, p] × width: accumulated over the positions that attend to p
    private readonly double[] _gX, _gXm, _gXb, _gXa, _gAttended, _gQ, _gEmb; // width
    private readonly double[] _gR, _gF;                       // hidden
    private readonly double[] _gLogits;                       // vocabulary
    private readonly double[] _gWeight, _gExp, _gScore;       // context

    /// <summary>Every parameter's gradient of the loss of the document of <paramref name="n"/> positions just run forward,
    /// given each position's loss gradient <paramref name="gLoss"/> (1 · 1/n).</summary>
    private void Backward(int n, double gLoss)
    {
        // every sum starts from −0, the identity of addition, as Value.Backward's do: one contribution passes through unchanged
        Array.Fill(Gradients, -0.0);
        Array.Fill(_gradKeys, -0.0);
        Array.Fill(_gradValues, -0.0);
        for (var p = n - 1; p >= 0; p--)
        {
            var x = _xf.AsSpan(Row(_layers - 1, p) * _width, _width);
            LogitsBackward(p, _tokens[p + 1], gLoss, x, _gX);
            for (var l = _layers - 1; l >= 0; l--) BlockBackward(l, p);
            EmbeddingBackward(p);
        }
        // a parameter the document does not reach (the rows of tokens it does not read, of positions past its end) is not in
        // the graph, so Backward leaves its gradient as it was, 0 (+0): not a sum
        var width = _width;
        for (var token = 0; token < _vocabulary; token++)
        {
            if (_tokens.AsSpan(0, n).IndexOf(token) < 0) Gradients.AsSpan(_layout.TokenEmbedding + (token * width), width).Clear();
        }
        Gradients.AsSpan(_layout.PositionEmbedding + (n * width), (_context - n) * width).Clear();
    }

    /// <summary>−log softmax(logits)[target] back to the logits' input: <paramref name="gx"/> is set.</summary>
    private void LogitsBackward(int p, int target, double gPositionLoss, ReadOnlySpan<double> x, Span<double> gx)
    {
        var e = _logitExp.AsSpan(p * _vocabulary, _vocabulary);
        var total = _logitTotal[p];
        var inverse = _logitInverse[p];
        var gLog = -gPositionLoss;                                  // loss = −log(probability)
        var gProbability = gLog * (1 / _probability[p]);             // ln: g · (1/x)
        var gInverse = gProbability * e[target];                     // probability = e[target] · total ** −1
        var gTargetExp = gProbability * inverse;
        var gTotal = gInverse * (-1 * Math.Pow(total, -2));         // pow: g · (−1 · total ** −2)
        var gLogits = _gLogits.AsSpan();
        for (var k = 0; k < e.Length; k++)
        {
            var gExp = k == target ? gTargetExp + gTotal : gTotal; // e[target]: its probability's use, then the total's
            gLogits[k] = gExp * e[k];                                 // exp (g · y), then logit + (−max)
        }

        var head = Parameters.AsSpan(_layout.Head, _vocabulary * _width);
        var gHead = Gradients.AsSpan(_layout.Head, _vocabulary * _width);
        gx.Fill(-0.0);
        for (var k = _vocabulary - 1; k >= 0; k--)
        {
            if (k != target) GptDense.RowBackward(gLogits[k], head.Slice(k * _width, _width), x, gHead.Slice(k * _width, _width), gx);
        }
        GptDense.RowBackward(gLogits[target], head.Slice(target * _width, _width), x, gHead.Slice(target * _width, _width), gx);
    }

    /// <summary>Layer <paramref name="l"/> at position <paramref name="p"/>, from its output's gradient in <see cref="_gX"/> to
    /// its input's, left in <see cref="_gX"/>.</summary>
    private void BlockBackward(int l, int p)
    {
        var o = _layout.Layers[l];
        var w = Parameters.AsSpan();
        var gw = Gradients.AsSpan();
        var row = Row(l, p);
        var at = row * _width;
        var x = l == 0 ? _x0.AsSpan(p * _width, _width) : _xf.AsSpan(Row(l - 1, p) * _width, _width);
        var xm = _xm.AsSpan(at, _width);

        // xf = fc2 · relu(fc1 · rmsnorm(xm)) + xm
        var gXm = _gXm.AsSpan();
        _gX.AsSpan().CopyTo(gXm);                                  // the residual add's use of xm comes first
        var gR = _gR.AsSpan();
        gR.Fill(-0.0);
        GptDense.LinearBackward(_gX, w.Slice(o.Fc2, _width * _hidden), _r.AsSpan(row * _hidden, _hidden), gw.Slice(o.Fc2, _width * _hidden), gR);
        var r = _r.AsSpan(row * _hidden, _hidden);
        var gF = _gF.AsSpan();
        for (var i = 0; i < _hidden; i++) gF[i] = r[i] <= 0 ? 0 : gR[i];  // relu: threshold_backward
        var gXb = _gXb.AsSpan();
        gXb.Fill(-0.0);
        GptDense.LinearBackward(gF, w.Slice(o.Fc1, _hidden * _width), _xb.AsSpan(at, _width), gw.Slice(o.Fc1, _hidden * _width), gXb);
        RmsNormBackward(xm, gXb, _aB[row], _scaleB[row], gXm);

        // xm = wo · attention(q, k, v) + x
        var gX = _gX.AsSpan();
        gXm.CopyTo(gX);                                            // the residual add's use of x comes first
        var gAttended = _gAttended.AsSpan();
        gAttended.Fill(-0.0);
        GptDense.LinearBackward(gXm, w.Slice(o.Wo, _width * _width), _attended.AsSpan(at, _width), gw.Slice(o.Wo, _width * _width), gAttended);
        AttentionBackward(l, p);
        ProjectionsBackward(l, p);
        RmsNormBackward(x, _gXa, _aA[row], _scaleA[row], gX);
    }

    /// <summary>Each head's attention at position <paramref name="p"/>, from <see cref="_gAttended"/>: sets the queries'
    /// gradients <see cref="_gQ"/> and adds this position's use of every earlier key and value.</summary>
    private void AttentionBackward(int l, int p)
    {
        var row = Row(l, p);
        var q = _q.AsSpan(row * _width, _width);
        var first = Row(l, 0) * _width;
        var keys = _k.AsSpan(first, (p + 1) * _width);
        var values = _v.AsSpan(first, (p + 1) * _width);
        var gKeys = _gradKeys.AsSpan(first, (p + 1) * _width);
        var gValues = _gradValues.AsSpan(first, (p + 1) * _width);
        var gAttended = _gAttended.AsSpan();
        var gWeight = _gWeight.AsSpan(0, p + 1);
        var gExp = _gExp.AsSpan(0, p + 1);
        var gScore = _gScore.AsSpan(0, p + 1);
        for (var h = 0; h < _heads; h++)
        {
            var hs = h * _headWidth;
            var head = (row * _heads) + h;
            var exp = _exp.AsSpan(head * _context, p + 1);
            var weight = _weight.AsSpan(head * _context, p + 1);
            // attended[hs + j] = Σₜ weight[t] · value[t][hs + j]
            for (var t = 0; t <= p; t++)
            {
                var g = -0.0;
                for (var j = _headWidth - 1; j >= 0; j--) g += gAttended[hs + j] * values[(t * _width) + hs + j];
                gWeight[t] = g;
                for (var j = 0; j < _headWidth; j++) gValues[(t * _width) + hs + j] += gAttended[hs + j] * weight[t];
            }
            // weight[t] = exp[t] · total ** −1 (one power node per t), total = Σ exp
            var inverse = _inverse[head];
            var dInverse = -1 * Math.Pow(_total[head], -2);
            var gTotal = -0.0;
            for (var t = p; t >= 0; t--) gTotal += gWeight[t] * exp[t] * dInverse;
            for (var t = 0; t <= p; t++)
            {
                gExp[t] = (gWeight[t] * inverse) + gTotal;
                gScore[t] = gExp[t] * exp[t] * _attentionScale; // exp, score + (−max), (Σ q·k) · scale
            }
            // score[t] = Σⱼ q[hs + j] · key[t][hs + j]
            for (var j = 0; j < _headWidth; j++)
            {
                var g = -0.0;
                for (var t = p; t >= 0; t--) g += gScore[t] * keys[(t * _width) + hs + j];
                _gQ[hs + j] = g;
                for (var t = 0; t <= p; t++) gKeys[(t * _width) + hs + j] += gScore[t] * q[hs + j];
            }
        }
    }

    /// <summary>q, k and v = W · xa at position <paramref name="p"/>: the weights' gradients, and xa's in <see cref="_gXa"/>,
    /// its rows' uses added in reverse of the order the graph reached them.</summary>
    private void ProjectionsBackward(int l, int p)
    {
        var o = _layout.Layers[l];
        var at = Row(l, p) * _width;
        var xa = _xa.AsSpan(at, _width);
        var gK = _gradKeys.AsSpan(at, _width);   // complete: this is the last position that uses these keys
        var gV = _gradValues.AsSpan(at, _width);
        _gXa.AsSpan().Fill(-0.0);
        for (var h = _heads - 1; h >= 0; h--)
        {
            var hs = h * _headWidth;
            for (var j = _headWidth - 1; j >= 0; j--) ProjectionRow(o.Wv, hs + j, gV[hs + j], xa);
            if (p == 0)
            {
                for (var j = _headWidth - 1; j >= 0; j--)
                {
                    ProjectionRow(o.Wk, hs + j, gK[hs + j], xa);
                    ProjectionRow(o.Wq, hs + j, _gQ[hs + j], xa);
                }
            }
            else
            {
                for (var j = _headWidth - 1; j >= 0; j--) ProjectionRow(o.Wk, hs + j, gK[hs + j], xa);
                for (var j = _headWidth - 1; j >= 0; j--) ProjectionRow(o.Wq, hs + j, _gQ[hs + j], xa);
            }
        }
    }

    /// <summary>Row <paramref name="r"/> of the width × width matrix at <paramref name="offset"/>, with gradient
    /// <paramref name="g"/>: its weights' gradients, and its use of xa added into <see cref="_gXa"/>.</summary>
    private void ProjectionRow(int offset, int r, double g, ReadOnlySpan<double> xa)
    {
        var start = offset + (r * _width);
        GptDense.RowBackward(g, Parameters.AsSpan(start, _width), xa, Gradients.AsSpan(start, _width), _gXa);
    }

    /// <summary>rmsnorm's backward: adds into <paramref name="gx"/> (which holds the input's earlier uses) the uses through
    /// the output (<c>y = x · scale</c>) and through the squares, given the output's gradient <paramref name="gy"/>.</summary>
    private void RmsNormBackward(ReadOnlySpan<double> x, ReadOnlySpan<double> gy, double a, double scale, Span<double> gx)
    {
        var gScale = -0.0;
        for (var i = x.Length - 1; i >= 0; i--) gScale += gy[i] * x[i];
        var gA = gScale * (-0.5 * Math.Pow(a, -1.5));             // scale = a ** −0.5: g · (−0.5 · a ** −1.5)
        var gSquare = gA * _widthInverse;                          // a = ms + ε, ms = (Σ squares) · n ** −1
        for (var i = 0; i < x.Length; i++)
        {
            gx[i] += gy[i] * scale;
            gx[i] += gSquare * x[i];
            gx[i] += gSquare * x[i];
        }
    }

    /// <summary>emb = wte[token] + wpe[p], normalized into the first block's input, whose gradient is in <see cref="_gX"/>.</summary>
    private void EmbeddingBackward(int p)
    {
        var gEmb = _gEmb.AsSpan();
        gEmb.Fill(-0.0);
        RmsNormBackward(_emb.AsSpan(p * _width, _width), _gX, _embA[p], _embScale[p], gEmb);
        var gTok = Gradients.AsSpan(_layout.TokenEmbedding + (_tokens[p] * _width), _width);
        var gPos = Gradients.AsSpan(_layout.PositionEmbedding + (p * _width), _width);
        for (var i = 0; i < _width; i++)
        {
            gTok[i] += gEmb[i];
            gPos[i] += gEmb[i];
        }
    }
}
