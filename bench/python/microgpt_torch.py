"""microgpt's model in PyTorch, float64 on one thread, for the speed comparison: the same data order, the same initial
weights (drawn from Python's random seeded 42, as microgpt draws them), the same architecture (RMSNorm with eps 1e-5,
causal multi-head attention, ReLU MLP, no biases) and microgpt's Adam (betas 0.85 and 0.99, eps 1e-8, linear decay),
but each document's positions at once with a causal mask, as a PyTorch user writes it. Its losses are not microgpt's
bit for bit (other summation orders); the JSON line says how far they stray.

    /usr/bin/python3 bench/python/microgpt_torch.py [--steps 1000] [--warmup 50] [--layers 1 --embd 16 --heads 4 --block 16]

(Debian: apt-get install python3-torch.) Prints one JSON line: the median ms per step over the timed steps, and, for
microgpt's default shape, the largest difference from microgpt.py's losses.
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--layers", type=int, default=1)
    parser.add_argument("--embd", type=int, default=16)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--block", type=int, default=16)
    parser.add_argument("--names", default=os.path.join(ROOT, "src", "Micrograd.Cli", "Gpt", "names.txt"))
    parser.add_argument("--reference", default=os.path.join(ROOT, "tests", "Micrograd.Tests", "Fixtures", "microgpt", "run_default.json"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)

    random.seed(42)
    with open(args.names) as f:
        docs = [line.strip() for line in f.read().strip().split("\n") if line.strip()]
    random.shuffle(docs)
    chars = sorted(set("".join(docs)))
    bos, vocab = len(chars), len(chars) + 1
    embd, heads, layers, block = args.embd, args.heads, args.layers, args.block
    head_dim = embd // heads

    def matrix(rows, cols):
        return torch.tensor([[random.gauss(0, 0.08) for _ in range(cols)] for _ in range(rows)], requires_grad=True)

    wte, wpe, lm_head = matrix(vocab, embd), matrix(block, embd), matrix(vocab, embd)
    blocks = [[matrix(embd, embd), matrix(embd, embd), matrix(embd, embd), matrix(embd, embd),
               matrix(4 * embd, embd), matrix(embd, 4 * embd)] for _ in range(layers)]
    params = [wte, wpe, lm_head] + [w for b in blocks for w in b]
    m = [torch.zeros_like(p) for p in params]
    v = [torch.zeros_like(p) for p in params]
    lr, beta1, beta2, eps, num_steps = 0.01, 0.85, 0.99, 1e-8, 1000

    def rmsnorm(x):
        return x * (x.pow(2).mean(-1, keepdim=True) + 1e-5).rsqrt()

    def loss_of(tokens):
        n = min(block, len(tokens) - 1)
        inputs = torch.tensor(tokens[:n])
        targets = torch.tensor(tokens[1:n + 1])
        x = rmsnorm(wte[inputs] + wpe[:n])
        mask = torch.ones(n, n, dtype=torch.bool).tril()
        for wq, wk, wv, wo, fc1, fc2 in blocks:
            residual = x
            x = rmsnorm(x)
            q = (x @ wq.T).view(n, heads, head_dim).transpose(0, 1)
            k = (x @ wk.T).view(n, heads, head_dim).transpose(0, 1)
            vv = (x @ wv.T).view(n, heads, head_dim).transpose(0, 1)
            scores = (q @ k.transpose(1, 2)) / head_dim ** 0.5
            attention = scores.masked_fill(~mask, float("-inf")).softmax(-1)
            x = (attention @ vv).transpose(0, 1).reshape(n, embd) @ wo.T + residual
            residual = x
            x = torch.relu(rmsnorm(x) @ fc1.T) @ fc2.T + residual
        return torch.nn.functional.cross_entropy(x @ lm_head.T, targets)

    with open(args.reference) as f:
        reference = json.load(f)["losses"]
    is_default = (layers, embd, heads, block) == (1, 16, 4, 16)
    times, worst = [], 0.0
    for step in range(args.warmup + args.steps):
        started = time.perf_counter()
        doc = docs[step % len(docs)]
        loss = loss_of([bos] + [chars.index(c) for c in doc] + [bos])
        for p in params:
            p.grad = None
        loss.backward()
        lr_t = lr * (1 - (step % num_steps) / num_steps)
        t = step % num_steps + 1
        with torch.no_grad():
            for p, mi, vi in zip(params, m, v):
                mi.mul_(beta1).add_(p.grad, alpha=1 - beta1)
                vi.mul_(beta2).add_(p.grad.pow(2), alpha=1 - beta2)
                p.sub_(lr_t * (mi / (1 - beta1 ** t)) / ((vi / (1 - beta2 ** t)).sqrt() + eps))
        elapsed = time.perf_counter() - started
        if is_default and step < len(reference):
            worst = max(worst, abs(loss.item() - reference[step]))
        if step >= args.warmup:
            times.append(elapsed * 1000)

    line = {"name": "microgpt PyTorch float64 (1 thread, a document at once)", "engine": "torch",
            "shape": f"{layers}x{embd}, {heads} heads, context {block}", "steps": args.steps,
            "ms_per_step": statistics.median(times), "torch": torch.__version__, "python": sys.version.split()[0]}
    if is_default:
        line["max_abs_loss_difference_from_microgpt"] = worst
        line["steps_compared"] = min(args.warmup + args.steps, len(reference))
    print(json.dumps(line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
