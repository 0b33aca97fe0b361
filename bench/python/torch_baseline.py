"""PyTorch baselines for the moons demo (float64, one thread), the same workload as micrograd_baseline.py:

    python3 bench/python/torch_baseline.py --mode batched [--steps 100] [--warmup 20] [--data DIR]
    python3 bench/python/torch_baseline.py --mode scalar  [--steps 3]   [--warmup 1]  [--data DIR]

batched: the MLP as matrix products over the whole batch; scalar: every weight a 0-d tensor and every operation op by op
on scalars, as the Value engine does. Prints one JSON line; exits 3 when torch cannot be imported.
"""

import sys

from moons_common import ALPHA, run

try:
    import torch
except ImportError:
    print("error: torch is not installed for this interpreter (Debian: apt-get install python3-torch)", file=sys.stderr)
    sys.exit(3)

torch.set_num_threads(1)
DTYPE = torch.float64



def sgd_step(parameters, total, lr):
    """Backward from `total`, then p -= lr * p.grad for every parameter; returns the loss as a float."""
    for p in parameters:
        p.grad = None
    total.backward()
    with torch.no_grad():
        for p in parameters:
            p -= lr * p.grad
    return total.item()

class Batched:
    """Weights as matrices; one step is a forward over the (100, 2) batch, backward, and an SGD update."""

    def __init__(self, X, y, layers):
        self.X = torch.tensor(X, dtype=DTYPE)
        self.y = torch.tensor(y, dtype=DTYPE)
        self.weights = [torch.tensor(l["weights"], dtype=DTYPE, requires_grad=True) for l in layers]
        self.biases = [torch.tensor(l["biases"], dtype=DTYPE, requires_grad=True) for l in layers]
        self.relu = [l["activation"] == "relu" for l in layers]
        self.parameters = [p for pair in zip(self.weights, self.biases) for p in pair]

    def step(self, lr):
        h = self.X
        for w, b, relu in zip(self.weights, self.biases, self.relu):
            h = h @ w.T + b
            if relu:
                h = torch.relu(h)
        scores = h[:, 0]
        losses = torch.relu(1 - self.y * scores)
        data_loss = losses.sum() * (1.0 / len(losses))
        reg_loss = ALPHA * sum((p * p).sum() for p in self.parameters)
        total = data_loss + reg_loss
        accuracy = ((self.y > 0) == (scores > 0)).double().mean().item()
        return sgd_step(self.parameters, total, lr), accuracy


class Scalar:
    """Every weight a 0-d tensor; the network evaluated op by op on scalars, like the Value engine."""

    def __init__(self, X, y, layers):
        self.X, self.y = X, y
        self.layers = []
        for l in layers:
            neurons = [([torch.tensor(w, dtype=DTYPE, requires_grad=True) for w in row],
                        torch.tensor(b, dtype=DTYPE, requires_grad=True)) for row, b in zip(l["weights"], l["biases"])]
            self.layers.append((neurons, l["activation"] == "relu"))
        self.parameters = [p for neurons, _ in self.layers for ws, b in neurons for p in ws + [b]]

    def forward(self, x):
        for neurons, relu in self.layers:
            out = []
            for ws, b in neurons:
                act = b
                for w, xi in zip(ws, x):
                    act = act + w * xi
                out.append(torch.relu(act) if relu else act)
            x = out
        return x[0]

    def step(self, lr):
        inputs = [[torch.tensor(v, dtype=DTYPE) for v in row] for row in self.X]
        scores = [self.forward(x) for x in inputs]
        losses = [torch.relu(1 + -yi * s) for yi, s in zip(self.y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = ALPHA * sum(p * p for p in self.parameters)
        total = data_loss + reg_loss
        accuracy = sum((yi > 0) == (s.item() > 0) for yi, s in zip(self.y, scores)) / len(self.y)
        return sgd_step(self.parameters, total, lr), accuracy


if __name__ == "__main__":
    argv = list(sys.argv)
    mode = "batched"
    if "--mode" in argv:
        i = argv.index("--mode")
        mode = argv[i + 1] if i + 1 < len(argv) else ""
        del argv[i:i + 2]
    if mode == "batched":
        sys.exit(run(f"PyTorch {torch.__version__} batched (float64, 1 thread)", "torch-batched", Batched, argv))
    if mode == "scalar":
        sys.exit(run(f"PyTorch {torch.__version__} op by op on scalars", "torch-scalar", Scalar, argv))
    sys.exit(f"error: --mode must be batched or scalar, not {mode!r}")
