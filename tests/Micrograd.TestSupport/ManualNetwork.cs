namespace Micrograd.Tests.Support;

/// <summary>
/// An independent check for training: a multilayer perceptron over plain arrays with backpropagation written out by
/// hand (no Value graph), full-batch, with the hinge, mse and bce losses, L2, and SGD with linear decay or Adam.
/// </summary>
public sealed class ManualNetwork
{
    public enum Act { Linear, Relu, Tanh, Sigmoid }

    public enum LossKind { Hinge, Mse, Bce }

    private readonly double[][][] _w;   // [layer][neuron][input]
    private readonly double[][] _b;     // [layer][neuron]
    private readonly Act[] _act;
    private double[][][] _m = [], _v = [];
    private double[][] _mb = [], _vb = [];
    private int _t;

    public ManualNetwork(double[][][] weights, double[][] biases, Act[] activations)
    {
        _w = weights.Select(l => l.Select(r => r.ToArray()).ToArray()).ToArray();
        _b = biases.Select(l => l.ToArray()).ToArray();
        _act = activations;
    }

    public double[][][] Weights => _w;

    public double[][] Biases => _b;

    /// <summary>Loss and accuracy at the current weights; then one update with learning rate lr.</summary>
    public (double Loss, double Accuracy) Step(double[][] x, double[] y, LossKind kind, double l2, double lr, bool adam)
    {
        var n = x.Length;
        var gw = _w.Select(l => l.Select(r => new double[r.Length]).ToArray()).ToArray();
        var gb = _b.Select(l => new double[l.Length]).ToArray();
        var loss = 0.0;
        var correct = 0;
        for (var s = 0; s < n; s++)
        {
            // forward, keeping each layer's input and output
            var inputs = new double[_w.Length + 1][];
            inputs[0] = x[s];
            for (var l = 0; l < _w.Length; l++)
            {
                var outp = new double[_w[l].Length];
                for (var j = 0; j < outp.Length; j++)
                {
                    var z = _b[l][j];
                    for (var i = 0; i < inputs[l].Length; i++) z += _w[l][j][i] * inputs[l][i];
                    outp[j] = Apply(_act[l], z);
                }
                inputs[l + 1] = outp;
            }
            var score = inputs[^1][0];
            if ((y[s] > 0) == (score > 0)) correct++;

            // loss and d(loss)/d(score), the mean's 1/n included
            double li, dscore;
            switch (kind)
            {
                case LossKind.Hinge:
                    var margin = 1 - y[s] * score;
                    li = Math.Max(0, margin);
                    dscore = margin > 0 ? -y[s] : 0;
                    break;
                case LossKind.Mse:
                    li = (score - y[s]) * (score - y[s]);
                    dscore = 2 * (score - y[s]);
                    break;
                default:
                    var t = (y[s] + 1) / 2;
                    li = Math.Max(score, 0) - score * t + Math.Log(1 + Math.Exp(-Math.Abs(score)));
                    dscore = 1 / (1 + Math.Exp(-score)) - t;
                    break;
            }
            loss += li;

            // backward
            var delta = new[] { dscore / n };
            for (var l = _w.Length - 1; l >= 0; l--)
            {
                var prev = new double[inputs[l].Length];
                for (var j = 0; j < _w[l].Length; j++)
                {
                    var dz = delta[j] * Derivative(_act[l], inputs[l + 1][j]);
                    gb[l][j] += dz;
                    for (var i = 0; i < prev.Length; i++)
                    {
                        gw[l][j][i] += dz * inputs[l][i];
                        prev[i] += dz * _w[l][j][i];
                    }
                }
                delta = prev;
            }
        }
        loss /= n;
        var squares = 0.0;
        for (var l = 0; l < _w.Length; l++)
        {
            for (var j = 0; j < _w[l].Length; j++)
            {
                foreach (var w in _w[l][j]) squares += w * w;
                squares += _b[l][j] * _b[l][j];
            }
        }
        loss += l2 * squares;

        for (var l = 0; l < _w.Length; l++)
        {
            for (var j = 0; j < _w[l].Length; j++)
            {
                for (var i = 0; i < _w[l][j].Length; i++) gw[l][j][i] += 2 * l2 * _w[l][j][i];
                gb[l][j] += 2 * l2 * _b[l][j];
            }
        }
        if (adam) AdamUpdate(gw, gb, lr);
        else
        {
            for (var l = 0; l < _w.Length; l++)
            {
                for (var j = 0; j < _w[l].Length; j++)
                {
                    for (var i = 0; i < _w[l][j].Length; i++) _w[l][j][i] -= lr * gw[l][j][i];
                    _b[l][j] -= lr * gb[l][j];
                }
            }
        }
        return (loss, (double)correct / n);
    }

    private void AdamUpdate(double[][][] gw, double[][] gb, double lr)
    {
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        if (_t == 0)
        {
            _m = _w.Select(l => l.Select(r => new double[r.Length]).ToArray()).ToArray();
            _v = _w.Select(l => l.Select(r => new double[r.Length]).ToArray()).ToArray();
            _mb = _b.Select(l => new double[l.Length]).ToArray();
            _vb = _b.Select(l => new double[l.Length]).ToArray();
        }
        _t++;
        double Move(ref double m, ref double v, double g)
        {
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            return lr * (m / (1 - Math.Pow(b1, _t))) / (Math.Sqrt(v / (1 - Math.Pow(b2, _t))) + eps);
        }
        for (var l = 0; l < _w.Length; l++)
        {
            for (var j = 0; j < _w[l].Length; j++)
            {
                for (var i = 0; i < _w[l][j].Length; i++) _w[l][j][i] -= Move(ref _m[l][j][i], ref _v[l][j][i], gw[l][j][i]);
                _b[l][j] -= Move(ref _mb[l][j], ref _vb[l][j], gb[l][j]);
            }
        }
    }

    private static double Apply(Act a, double z) => a switch
    {
        Act.Relu => z > 0 ? z : 0,
        Act.Tanh => Math.Tanh(z),
        Act.Sigmoid => 1 / (1 + Math.Exp(-z)),
        _ => z,
    };

    /// <summary>The activation's derivative, from its output.</summary>
    private static double Derivative(Act a, double y) => a switch
    {
        Act.Relu => y > 0 ? 1 : 0,
        Act.Tanh => 1 - y * y,
        Act.Sigmoid => y * (1 - y),
        _ => 1,
    };
}
