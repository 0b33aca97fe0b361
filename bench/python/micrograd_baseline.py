"""The seed notebook's design in plain Python, written for this comparison: a scalar Value that records its children
and a closure for its local backward step, a recursive topological sort, and the demo's MLP (2-16-16-1, relu) trained on
the moons data with hinge loss + 1e-4*sum(p^2) and SGD, lr 1.0 - 0.9*k/100, full batch of 100.

    python3 bench/python/micrograd_baseline.py [--steps 3] [--warmup 1] [--data DIR]

prints one JSON line: ms per step and each timed step's loss, checked against moons_trajectory.json.
"""

import sys

from moons_common import ALPHA, run


class Value:
    """A scalar and its gradient, with the children and the op that produced it (as in the seed notebook)."""

    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(children)
        self._op = op

    @staticmethod
    def wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.wrap(other)
        result = Value(self.data + other.data, (self, other), "+")

        def backward():
            self.grad += result.grad
            other.grad += result.grad

        result._backward = backward
        return result

    def __mul__(self, other):
        other = Value.wrap(other)
        result = Value(self.data * other.data, (self, other), "*")

        def backward():
            self.grad += other.data * result.grad
            other.grad += self.data * result.grad

        result._backward = backward
        return result

    def __pow__(self, exponent):
        assert isinstance(exponent, (int, float)), "constant exponents only"
        result = Value(self.data ** exponent, (self,), f"**{exponent}")

        def backward():
            self.grad += exponent * self.data ** (exponent - 1) * result.grad

        result._backward = backward
        return result

    def relu(self):
        result = Value(0.0 if self.data < 0 else self.data, (self,), "relu")

        def backward():
            self.grad += (result.data > 0) * result.grad

        result._backward = backward
        return result

    def backward(self):
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)

        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1


class Neuron:
    def __init__(self, weights, bias, relu):
        self.w = [Value(w) for w in weights]
        self.b = Value(bias)
        self.relu = relu

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.relu else act

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, spec):
        relu = spec["activation"] == "relu"
        self.neurons = [Neuron(w, b, relu) for w, b in zip(spec["weights"], spec["biases"])]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, layers):
        self.layers = [Layer(spec) for spec in layers]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


class Moons:
    """One full-batch SGD step per call, as in the demo."""

    def __init__(self, X, y, layers):
        self.X, self.y = X, y
        self.model = MLP(layers)

    def step(self, lr):
        inputs = [[Value(x) for x in row] for row in self.X]
        scores = [self.model(x) for x in inputs]
        losses = [(1 + -yi * si).relu() for yi, si in zip(self.y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = ALPHA * sum(p * p for p in self.model.parameters())
        total = data_loss + reg_loss
        accuracy = sum((yi > 0) == (si.data > 0) for yi, si in zip(self.y, scores)) / len(self.y)
        for p in self.model.parameters():
            p.grad = 0.0
        total.backward()
        for p in self.model.parameters():
            p.data -= lr * p.grad
        return total.data, accuracy


if __name__ == "__main__":
    sys.exit(run("Python Value (seed design)", "python-value", Moons, sys.argv))
