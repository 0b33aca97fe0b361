"""More reference vectors of CPython's `random` module for PythonRandomTests (Micrograd.NN.PythonRandom).

How to regenerate (from the repository root, with CPython 3.11; only the standard library is used):

    python3.11 tests/Micrograd.Tests/Fixtures/python_random_extra.py > tests/Micrograd.Tests/Fixtures/python_random_extra.json

The output is deterministic: every list starts from a freshly seeded `random.Random(seed)` and the calls within a
list follow each other on that one generator. Conventions of the JSON:
- big integers (seeds, getrandbits, randrange) are decimal strings;
- doubles are Python's repr (shortest round trip); a non-finite double is the string "NaN", "Infinity" or "-Infinity";
- a digest is the SHA-256 (lower-case hex) of the values packed little-endian: doubles as IEEE 754 binary64
  (struct '<d'), list indices as 32-bit signed integers (struct '<i').

It was written for CPython 3.11 (3.11.7 here; the `random` module is the same as 3.11.2's, which made
python_random.json). Other versions may differ: _randbelow, choices and shuffle changed over the years.
"""

import hashlib
import json
import math
import random
import struct
import sys


def number(x):
    """A double for JSON: the strings NaN/Infinity/-Infinity for the non-finite ones."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def digest_doubles(xs):
    return hashlib.sha256(b"".join(struct.pack("<d", x) for x in xs)).hexdigest()


def digest_ints(xs):
    return hashlib.sha256(b"".join(struct.pack("<i", x) for x in xs)).hexdigest()


def gauss_long(seed, mu, sigma, count, every):
    r = random.Random(seed)
    xs = [r.gauss(mu, sigma) for _ in range(count)]
    return {
        "seed": str(seed), "mu": mu, "sigma": sigma, "count": count,
        "sha256": digest_doubles(xs),
        # samples at indices 0, every, 2*every, ... and the last 5, to say where a run first goes wrong
        "every": every, "samples": [xs[i] for i in range(0, count, every)], "last": xs[-5:],
        # the next random() after the run: count is even, so no Gaussian is left over (gauss_next is None)
        "random_after": r.random(),
    }


def shuffle_long(seed, n, edge):
    r = random.Random(seed)
    p = list(range(n))
    r.shuffle(p)
    return {
        "seed": str(seed), "n": n,
        "first": p[:edge], "last": p[-edge:],
        "weighted_sum": str(sum(i * v for i, v in enumerate(p))),  # sum of position * value
        "sha256": digest_ints(p),
        "random_after": r.random(),
    }


def microgpt_init(seed, docs, params, std):
    """microgpt's start: random.seed(42); random.shuffle(docs); then one random.gauss(0, 0.08) per parameter."""
    r = random.Random(seed)
    p = list(range(docs))
    r.shuffle(p)
    ws = [r.gauss(0, std) for _ in range(params)]
    return {
        "seed": str(seed), "docs": docs, "params": params, "std": std,
        "shuffle_sha256": digest_ints(p), "first_docs": p[:20],
        "gauss_sha256": digest_doubles(ws), "gauss_first": ws[:10], "gauss_last": ws[-10:],
    }


def getrandbits_case(seed, ks):
    r = random.Random(seed)
    return {"seed": str(seed), "bits": [[k, str(r.getrandbits(k))] for k in ks]}


def randbelow_case(seed, n, draws):
    r = random.Random(seed)
    return {"seed": str(seed), "n": str(n), "values": [str(r.randrange(n)) for _ in range(draws)]}


def choices_case(seed, weights, draws):
    r = random.Random(seed)
    population = range(len(weights))
    # one draw per call, as PythonRandom.Choice does (choices(..., k=draws) would give the same list)
    return {"seed": str(seed), "weights": weights,
            "indices": [r.choices(population, weights=weights)[0] for _ in range(draws)]}


def seed_case(seed):
    r = random.Random(seed)
    first = [r.getrandbits(32) for _ in range(5)]  # the first tempered MT19937 words, genrand_uint32()
    return {"seed": str(seed), "uint32": [str(x) for x in first], "random": [r.random() for _ in range(5)]}


def uniform_case(seed, a, b, draws):
    r = random.Random(seed)
    return {"seed": str(seed), "a": number(a), "b": number(b),
            "values": [number(r.uniform(a, b)) for _ in range(draws)]}


def gauss_args_case(seed, args):
    r = random.Random(seed)
    return {"seed": str(seed), "calls": [[number(mu), number(sigma), number(r.gauss(mu, sigma))] for mu, sigma in args]}


def interleaved_case(seed):
    """gauss keeps its second value (gauss_next) across other calls; only gauss itself uses it."""
    r = random.Random(seed)
    steps = []
    for op in ["gauss", "random", "gauss", "gauss", "randrange10", "gauss", "shuffle5", "gauss", "getrandbits40",
               "gauss", "choices3", "gauss", "uniform", "gauss"]:
        if op == "gauss":
            steps.append([op, number(r.gauss(0.0, 1.0))])
        elif op == "random":
            steps.append([op, r.random()])
        elif op == "randrange10":
            steps.append([op, r.randrange(10)])
        elif op == "shuffle5":
            p = list(range(5))
            r.shuffle(p)
            steps.append([op, p])
        elif op == "getrandbits40":
            steps.append([op, str(r.getrandbits(40))])
        elif op == "choices3":
            steps.append([op, r.choices(range(3), weights=[1.0, 2.0, 3.0])[0]])
        elif op == "uniform":
            steps.append([op, r.uniform(-2.0, 3.0)])
    return {"seed": str(seed), "steps": steps}


def main():
    # 3**15000 has 7,158 decimal digits; CPython 3.11 refuses int <-> str conversions of more than 4,300 by default
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)
    ks = [0, 1, 31, 32, 33, 63, 64, 65, 96, 128, 0, 5, 200]
    ns = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 27, 100, 1000, 32033,
          2**31 - 1, 2**31, 2**31 + 1, 2**32 - 1, 2**32, 2**32 + 1,
          2**53 - 1, 2**53, 2**53 + 1, 2**62, 2**62 + 1, 2**63 - 1]
    seeds = [0, 1, 42, -1, -42, 2**31 - 1, 2**32 - 1, 2**32, 2**32 + 5, 2**63 - 1, 2**63, -(2**63), 2**64 - 1,
             2**64 + 12345, 2**128 + 1,
             # more 32-bit key words (746) than the state has (624): init_by_array's first loop runs key_length times
             3**15000]
    out = {
        "python": sys.version.split()[0],
        "gauss_long": [gauss_long(42, 0.0, 0.08, 10000, 100), gauss_long(7, 1.5, 2.0, 2000, 50)],
        "shuffle_long": [shuffle_long(42, 32033, 50), shuffle_long(0, 1000, 20)],
        "microgpt_init": microgpt_init(42, 32033, 4192, 0.08),
        "getrandbits": [getrandbits_case(s, ks) for s in (42, 0, 2**64 + 12345)],
        "randbelow": [randbelow_case(42, n, 8) for n in ns] + [randbelow_case(2**32, n, 8) for n in (2**31, 2**53)],
        "choices": [
            choices_case(42, [1.0, 0.0, 0.0, 2.0, 0.5], 40),          # zeros in the middle
            choices_case(42, [1.0, 2.0, 0.5, 0.0, 0.0], 40),          # zeros at the end: never chosen
            choices_case(1, [0.0, 0.0, 3.0], 20),                     # zeros at the start
            choices_case(1, [0.0, 3.0, 0.0, 0.0], 20),                # one positive weight among zeros
            choices_case(7, [5.0], 10),                               # one weight: always 0
            choices_case(7, [1e-300, 1.0], 20),                       # a tiny weight
            choices_case(7, [0.1] * 10, 40),                          # equal weights, inexact sums
            choices_case(1337, [2.0, -1.0, 3.0], 40),                 # Python accepts a negative weight (no check)
            choices_case(1337, [(i % 7) + 0.5 for i in range(27)], 40),  # python_random.json's 'mixed' weights
            choices_case(5, [float((i * 37) % 11) for i in range(300)], 40),  # many weights, zeros among them
        ],
        "seeds": [seed_case(s) for s in seeds],
        "uniform": [uniform_case(3, 5.0, 2.0, 5), uniform_case(3, -1e308, 1e308, 5), uniform_case(3, 0.0, 0.0, 3),
                    uniform_case(3, 1.0, math.nan, 2), uniform_case(3, -math.inf, 1.0, 2)],
        "gauss_args": [gauss_args_case(11, [(0.0, 1.0), (1.5, -2.0), (0.0, 0.0), (-3.0, 1e-3), (1e300, 1e300),
                                            (0.0, math.inf), (math.nan, 1.0), (2.0, 0.5)])],
        "interleaved": [interleaved_case(s) for s in (42, 2024)],
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
