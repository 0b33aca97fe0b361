"""microgpt's algorithm in plain CPython, written for this comparison: a scalar Value that records its children and
their local derivatives, backward by a recursive depth-first topological sort, the 1-layer GPT (RMSNorm, 4-head causal
attention with a key/value cache, ReLU MLP, no biases), its Adam and its sampler, all seeded with Python's random.
Every operation is the one microgpt.py (karpathy, February 2026) performs, in its order, so the losses equal its own.

    python3 bench/python/microgpt_baseline.py [--steps 20] [--warmup 2] [--layers 1 --embd 16 --heads 4 --block 16]

Trains --warmup + --steps steps (the first steps of a 1,000-step run, with the learning rate that run uses) and prints
one JSON line: the median ms per timed step, the Value nodes of a step, and, for microgpt's default shape, whether every
loss equals microgpt.py's (tests/Micrograd.Tests/Fixtures/microgpt/run_default.json), bit for bit.
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


class Value:
    """A scalar, its gradient, its children and d(self)/d(child) for each child."""

    __slots__ = ("data", "grad", "children", "local")

    def __init__(self, data, children=(), local=()):
        self.data = data
        self.grad = 0
        self.children = children
        self.local = local

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1, 1))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    def __pow__(self, exponent):
        return Value(self.data ** exponent, (self,), (exponent * self.data ** (exponent - 1),))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def exp(self):
        return Value(math.exp(self.data), (self,), (math.exp(self.data),))

    def relu(self):
        return Value(max(0, self.data), (self,), (float(self.data > 0),))

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rmul__(self, other):
        return self * other

    def __truediv__(self, other):
        return self * other ** -1

    def graph(self):
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for child in v.children:
                    visit(child)
                order.append(v)

        visit(self)
        return order

    def backward(self):
        order = self.graph()
        self.grad = 1
        for v in reversed(order):
            for child, local in zip(v.children, v.local):
                child.grad += local * v.grad
        return len(order)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--embd", type=int, default=16)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--block", type=int, default=16)
    parser.add_argument("--names", default=os.path.join(ROOT, "src", "Micrograd.Cli", "Gpt", "names.txt"))
    parser.add_argument("--reference", default=os.path.join(ROOT, "tests", "Micrograd.Tests", "Fixtures", "microgpt", "run_default.json"))
    args = parser.parse_args()
    sys.setrecursionlimit(100000)

    random.seed(42)
    with open(args.names) as f:
        docs = [line.strip() for line in f.read().strip().split("\n") if line.strip()]
    random.shuffle(docs)
    chars = sorted(set("".join(docs)))
    bos, vocab = len(chars), len(chars) + 1

    embd, heads, layers, block = args.embd, args.heads, args.layers, args.block
    head_dim = embd // heads

    def matrix(rows, cols):
        return [[Value(random.gauss(0, 0.08)) for _ in range(cols)] for _ in range(rows)]

    weights = {"wte": matrix(vocab, embd), "wpe": matrix(block, embd), "lm_head": matrix(vocab, embd)}
    for layer in range(layers):
        for name, rows, cols in (("attn_wq", embd, embd), ("attn_wk", embd, embd), ("attn_wv", embd, embd),
                                 ("attn_wo", embd, embd), ("mlp_fc1", 4 * embd, embd), ("mlp_fc2", embd, 4 * embd)):
            weights[f"layer{layer}.{name}"] = matrix(rows, cols)
    params = [p for m in weights.values() for row in m for p in row]

    def linear(x, w):
        return [sum(wi * xi for wi, xi in zip(row, x)) for row in w]

    def softmax(logits):
        top = max(v.data for v in logits)
        exps = [(v - top).exp() for v in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def rmsnorm(x):
        mean_square = sum(xi * xi for xi in x) / len(x)
        scale = (mean_square + 1e-5) ** -0.5
        return [xi * scale for xi in x]

    def forward(token, pos, keys, values):
        x = [t + p for t, p in zip(weights["wte"][token], weights["wpe"][pos])]
        x = rmsnorm(x)
        for layer in range(layers):
            residual = x
            x = rmsnorm(x)
            q = linear(x, weights[f"layer{layer}.attn_wq"])
            k = linear(x, weights[f"layer{layer}.attn_wk"])
            v = linear(x, weights[f"layer{layer}.attn_wv"])
            keys[layer].append(k)
            values[layer].append(v)
            attended = []
            for h in range(heads):
                lo = h * head_dim
                qh = q[lo:lo + head_dim]
                kh = [kt[lo:lo + head_dim] for kt in keys[layer]]
                vh = [vt[lo:lo + head_dim] for vt in values[layer]]
                scores = [sum(qh[j] * kh[t][j] for j in range(head_dim)) / head_dim ** 0.5 for t in range(len(kh))]
                attention = softmax(scores)
                attended.extend(sum(attention[t] * vh[t][j] for t in range(len(vh))) for j in range(head_dim))
            x = [a + b for a, b in zip(linear(attended, weights[f"layer{layer}.attn_wo"]), residual)]
            residual = x
            x = rmsnorm(x)
            x = [xi.relu() for xi in linear(x, weights[f"layer{layer}.mlp_fc1"])]
            x = [a + b for a, b in zip(linear(x, weights[f"layer{layer}.mlp_fc2"]), residual)]
        return linear(x, weights["lm_head"])

    lr, beta1, beta2, eps, num_steps = 0.01, 0.85, 0.99, 1e-8, 1000
    m = [0.0] * len(params)
    v = [0.0] * len(params)
    with open(args.reference) as f:
        reference = json.load(f)["losses"]

    is_default = (layers, embd, heads, block) == (1, 16, 4, 16)
    times, nodes, equal = [], [], is_default
    for step in range(args.warmup + args.steps):
        started = time.perf_counter()
        doc = docs[step % len(docs)]
        tokens = [bos] + [chars.index(c) for c in doc] + [bos]
        n = min(block, len(tokens) - 1)
        keys, values = [[] for _ in range(layers)], [[] for _ in range(layers)]
        losses = []
        for pos in range(n):
            probs = softmax(forward(tokens[pos], pos, keys, values))
            losses.append(-probs[tokens[pos + 1]].log())
        loss = (1 / n) * sum(losses)
        count = loss.backward()
        lr_t = lr * (1 - step / num_steps)
        for i, p in enumerate(params):
            m[i] = beta1 * m[i] + (1 - beta1) * p.grad
            v[i] = beta2 * v[i] + (1 - beta2) * p.grad ** 2
            m_hat = m[i] / (1 - beta1 ** (step + 1))
            v_hat = v[i] / (1 - beta2 ** (step + 1))
            p.data -= lr_t * m_hat / (v_hat ** 0.5 + eps)
            p.grad = 0
        elapsed = time.perf_counter() - started
        equal &= is_default and loss.data == reference[step]  # the JSON holds repr's digits, which parse back to the same double
        if step >= args.warmup:
            times.append(elapsed * 1000)
            nodes.append(count)

    line = {"name": "microgpt CPython Value", "engine": "python", "shape": f"{layers}x{embd}, {heads} heads, context {block}",
            "steps": args.steps, "ms_per_step": statistics.median(times), "nodes_per_step": statistics.mean(nodes),
            "python": sys.version.split()[0]}
    if is_default:
        line["losses_equal_microgpt"] = equal
    print(json.dumps(line))
    return 0 if equal or not is_default else 1


if __name__ == "__main__":
    sys.exit(main())
