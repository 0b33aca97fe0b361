"""Writes torch_edges.jsonl and micrograd_test_engine.json: PyTorch 1.13's float64 numbers for TorchEdgeTests.

How to regenerate (from the repository root; it needs Debian's python3-torch, PyTorch 1.13 for the system Python 3.11,
and nothing else but the standard library):

    /usr/bin/python3 tests/Micrograd.Tests/Fixtures/torch_edges.py

It writes both files next to itself (torch_edges.jsonl: 5,523 lines, about 1.2 MB; it takes a few seconds). The output is
deterministic (the random parts use random.Random(22) and random.Random(2026)); the tests only read the files, so CI
needs no PyTorch.

torch_edges.jsonl holds one case a line:

    {"group": "...", "expr": "...", "at": {"x": ...}, "value": v, "gradients": {"x": ...},
     "hessian": {"x": {"x": ..., "y": ...}, ...}, "forward": {"x": ...}}

- group: which part of the suite the line belongs to: the edge grid of a function ("unary relu"; "unary neg" is unary
  minus), of a binary op ("binary **", "binary max") or of a constant power ("pow -1"); "composition" (signs of zero
  decided by more than one op); "micrograd" (test_engine.py's two tests as expressions); "sweep <op>" (one op at random
  points, random.Random(22)); "random" (2,000 random expressions of depth 1-4 over x and y at random points,
  random.Random(2026); points where PyTorch's value is not finite are skipped);
- expr: the repository's expression syntax (Python's: numbers, variables, + - * / **, unary minus, the functions);
- value: the expression's value; gradients: torch.autograd.grad from fresh leaves (a variable it does not reach: 0.0);
- hessian[a][b]: the derivative with respect to b of the gradient with respect to a, each gradient taken with
  create_graph=True (an entry torch leaves unused: 0.0);
- forward[a]: the derivative with respect to a in forward mode (torch.autograd.forward_ad): every variable a dual
  number, the tangent 1 for a and 0 for the others, one pass per variable; "unsupported" where PyTorch 1.13 has no
  forward-mode formula for an op of the expression.
Numbers are Python's repr (shortest round trip); NaN, infinities and negative zero are the strings "NaN", "Infinity",
"-Infinity" and "-0.0" (positive zero is the number 0.0), so that the sign of every zero survives.

The expression is evaluated as the engine builds it (src/Micrograd/Expressions/Expression.cs): each variable one leaf,
each number a constant 0-dim tensor (a number under unary minus is folded into a negative number), a number as the
exponent of ** is torch.pow(base, float) (the engine's Value.Pow(double)), any other exponent torch.pow(base, exponent);
relu, tanh, exp, log, sigmoid, sqrt, abs, sin, cos, log1p, expm1, atan are torch's; leaky_relu (slope 0.01), elu
(alpha 1), softplus (beta 1, threshold 20), gelu (exact, erf) and hardtanh (-1, 1) are torch.nn.functional's; max and
min are torch.maximum and torch.minimum.

micrograd_test_engine.json holds PyTorch's numbers for karpathy/micrograd's test/test_engine.py, test_sanity_check and
test_more_ops, computed with the graph the C# port builds (micrograd's `c += c + 1` is `c = c + (c + 1)`, `10.0 / f` a
division of the constant 10), and as the Python test writes its PyTorch half (`c = c + c + 1`, torch's own `10.0 / f`).
"""

import ast
import json
import math
import os
import random
import sys

import torch
import torch.autograd.forward_ad as fwAD
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

HERE = os.path.dirname(os.path.abspath(__file__))

UNARY = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "exp": torch.exp,
    "log": torch.log,
    "sigmoid": torch.sigmoid,
    "sqrt": torch.sqrt,
    "abs": torch.abs,
    "sin": torch.sin,
    "cos": torch.cos,
    "leaky_relu": lambda t: F.leaky_relu(t, 0.01),
    "elu": lambda t: F.elu(t, alpha=1.0),
    "softplus": lambda t: F.softplus(t, beta=1, threshold=20),
    "gelu": lambda t: F.gelu(t, approximate="none"),
    "log1p": torch.log1p,
    "expm1": torch.expm1,
    "atan": torch.atan,
}
# Functions added after the random parts were fixed: each has its edge grid and a sweep of its own (random.Random(2112)),
# written after every other case, so that adding one leaves every earlier line as it was (the random expressions draw
# from UNARY only).
ADDED = {
    "hardtanh": lambda t: F.hardtanh(t, -1.0, 1.0),
}
BINARY = {"max": torch.maximum, "min": torch.minimum}


class Constant:
    """A number of the expression, not yet a tensor (the engine's Operand.Of)."""

    def __init__(self, value):
        self.value = float(value)


def tensor(operand):
    return torch.tensor(operand.value, dtype=torch.float64) if isinstance(operand, Constant) else operand


def evaluate(node, leaves):
    """The expression's value as torch computes it, with the engine's graph (see the module's docstring)."""
    if isinstance(node, ast.Expression):
        return tensor(evaluate(node.body, leaves))
    if isinstance(node, ast.Constant):
        return Constant(node.value)
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = evaluate(node.operand, leaves)
        if isinstance(node.op, ast.UAdd):
            return operand
        assert isinstance(node.op, ast.USub)
        return Constant(-operand.value) if isinstance(operand, Constant) else torch.neg(operand)
    if isinstance(node, ast.BinOp):
        left = tensor(evaluate(node.left, leaves))
        right = evaluate(node.right, leaves)
        if isinstance(node.op, ast.Pow):
            return torch.pow(left, right.value) if isinstance(right, Constant) else torch.pow(left, right)
        right = tensor(right)
        if isinstance(node.op, ast.Add):
            return torch.add(left, right)
        if isinstance(node.op, ast.Sub):
            return torch.sub(left, right)
        if isinstance(node.op, ast.Mult):
            return torch.mul(left, right)
        if isinstance(node.op, ast.Div):
            return torch.div(left, right)
        raise ValueError(f"operator {node.op}")
    if isinstance(node, ast.Call):
        arguments = [tensor(evaluate(a, leaves)) for a in node.args]
        name = node.func.id
        if name in UNARY or name in ADDED:
            assert len(arguments) == 1
            return (UNARY.get(name) or ADDED[name])(arguments[0])
        assert len(arguments) == 2
        return BINARY[name](arguments[0], arguments[1])
    raise ValueError(f"node {ast.dump(node)}")


def variables_of(tree):
    """The variable names in order of first appearance (the engine's Expression.Variables)."""
    names = []
    # ast.walk is breadth-first; the engine orders by first appearance in the text
    functions = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    found = (n for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in functions)
    for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
        if node.id not in names:
            names.append(node.id)
    return names


def number(x):
    """A double for JSON: non-finite numbers and negative zero as strings."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0 and math.copysign(1.0, x) < 0:
        return "-0.0"
    return x


def item(t):
    return 0.0 if t is None else t.item()


def leaves_at(names, at):
    return {n: torch.tensor(at[n], dtype=torch.float64, requires_grad=True) for n in names}


def case(group, expr, at):
    tree = ast.parse(expr, mode="eval")
    names = variables_of(tree)
    assert sorted(names) == sorted(at), (expr, at)

    leaves = leaves_at(names, at)
    root = evaluate(tree, leaves)
    value = root.item()
    grads = torch.autograd.grad(root, [leaves[n] for n in names], allow_unused=True)
    gradients = {n: item(g) for n, g in zip(names, grads)}

    leaves = leaves_at(names, at)
    root = evaluate(tree, leaves)
    first = torch.autograd.grad(root, [leaves[n] for n in names], allow_unused=True, create_graph=True)
    hessian = {}
    for n, g in zip(names, first):
        if g is None or not g.requires_grad:
            hessian[n] = {m: 0.0 for m in names}
        else:
            row = torch.autograd.grad(g, [leaves[m] for m in names], allow_unused=True, retain_graph=True)
            hessian[n] = {m: item(h) for m, h in zip(names, row)}

    forward = {}
    for n in names:
        try:
            with fwAD.dual_level():
                duals = {m: fwAD.make_dual(torch.tensor(at[m], dtype=torch.float64),
                                           torch.tensor(1.0 if m == n else 0.0, dtype=torch.float64)) for m in names}
                tangent = fwAD.unpack_dual(evaluate(tree, duals)).tangent
                forward[n] = item(tangent)
        except (RuntimeError, NotImplementedError):
            forward[n] = "unsupported"

    return {
        "group": group,
        "expr": expr,
        "at": {n: number(at[n]) for n in names},
        "value": number(value),
        "gradients": {n: number(v) for n, v in gradients.items()},
        "hessian": {n: {m: number(v) for m, v in row.items()} for n, row in hessian.items()},
        "forward": {n: (v if v == "unsupported" else number(v)) for n, v in forward.items()},
    }


# ---------------------------------------------------------------------------------------------------------------- cases

NAN, INF = float("nan"), float("inf")
UNARY_GRID = [0.0, -0.0, 1e-310, -1e-310, 1e-300, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 20.0, -20.0, 20.5, 800.0, -800.0,
              INF, -INF, NAN]
BINARY_GRID = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 0.5, INF, -INF, NAN]
BINARY_OPS = ["x + y", "x - y", "x * y", "x / y", "x ** y", "max(x, y)", "min(x, y)"]
CONSTANT_POWERS = ["2", "3", "-1", "0.5", "-2", "-0.5", "1", "0", "1.5", "-1.5", "0.3"]

# compositions where the sign of a zero (or a NaN) is decided by more than one op
COMPOSITIONS_X = [
    "relu(x) * relu(-x)",
    "x * 0",
    "0 * x",
    "x * -0.0",
    "-(x * 0)",
    "x - x",
    "x + x",
    "x * x",
    "-x * 0",
    "0 - x",
    "x / 2",
    "abs(x) * 0",
    "relu(x) - relu(-x)",
    "max(x, 0)",
    "min(x, 0)",
    "max(x, -x)",
    "sqrt(x) * 0",
    "sin(x) * cos(x)",
    "tanh(x) * 0",
    "-relu(x)",
    "exp(x) * x",
    "x * x * x",
    "relu(x) + relu(x)",
]
COMPOSITIONS_XY = [
    "x * y - y * x",
    "x * y + x",
    "relu(x) * y",
    "(x + y) * 0",
    "x / y * y",
]
COMPOSITION_X_GRID = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 1e-310, INF, -INF, NAN]


def micrograd_sanity_expr():
    z = "(2 * x + 2 + x)"
    q = f"(relu({z}) + {z} * x)"
    h = f"relu({z} * {z})"
    return f"{h} + {q} + {q} * x"


def micrograd_more_ops_expr():
    # a = x, b = y; micrograd's `c += e` is c = c + (e)
    c = "(x + y)"
    c = f"({c} + ({c} + 1))"
    c = f"({c} + (1 + {c} + -x))"
    d = "(x * y + y ** 3)"
    d = f"({d} + ({d} * 2 + relu(y + x)))"
    d = f"({d} + (3 * {d} + relu(y - x)))"
    f = f"({c} - {d}) ** 2"
    return f"({f}) / 2.0 + 10.0 / ({f})"


# ------------------------------------------------------------------------------------------------------- random sweep

FUNCTIONS = list(UNARY)
EXPONENTS = ["2", "3", "-1", "0.5", "-2", "-0.5", "1", "0", "1.5", "-1.5", "0.3", "4", "-3"]
NUMBERS = ["2", "0.5", "1.5", "3", "0.1", "-1", "-2.5"]


def random_expr(rng, depth, names):
    """A random expression and whether it is an atom (a name, a number that is not negative, a call)."""
    def operand(d):
        text, is_atom = random_expr(rng, d, names)
        return text if is_atom else f"({text})"

    if depth == 0 or rng.random() < 0.15:
        if rng.random() < 0.1:
            text = rng.choice(NUMBERS)
            return text, not text.startswith("-")
        return rng.choice(names), True
    kind = rng.random()
    if kind < 0.45:
        return f"{rng.choice(FUNCTIONS)}({random_expr(rng, depth - 1, names)[0]})", True
    if kind < 0.50:
        return f"-{operand(depth - 1)}", False
    if kind < 0.60:
        a, b = random_expr(rng, depth - 1, names)[0], random_expr(rng, depth - 1, names)[0]
        return f"{rng.choice(['max', 'min'])}({a}, {b})", True
    if kind < 0.72:
        base = operand(depth - 1)
        exponent = rng.choice(EXPONENTS) if rng.random() < 0.6 else operand(depth - 1)
        return f"{base} ** {exponent}", False
    a, op, b = operand(depth - 1), rng.choice(["+", "-", "*", "/"]), operand(depth - 1)
    return f"{a} {op} {b}", False


def random_point(rng, names):
    def one():
        r = rng.random()
        if r < 0.7:
            return rng.uniform(-3, 3)
        if r < 0.85:
            return rng.uniform(-0.1, 0.1)
        return rng.choice([-1, 1]) * rng.uniform(3, 30)
    return {n: one() for n in names}


def random_cases(count):
    rng = random.Random(2026)
    cases = []
    while len(cases) < count:
        names = ["x"] if rng.random() < 0.5 else ["x", "y"]
        expr = random_expr(rng, rng.randint(1, 4), names)[0]
        used = variables_of(ast.parse(expr, mode="eval"))
        if not used:
            continue
        for _ in range(20):
            at = random_point(rng, used)
            tree = ast.parse(expr, mode="eval")
            with torch.no_grad():
                value = evaluate(tree, {n: torch.tensor(v) for n, v in at.items()}).item()
            if math.isfinite(value):
                cases.append(case("random", expr, at))
                break
    return cases


def op_sweep():
    """Each op alone at random points (finite values only), so that a last-bit difference of the random sweep can be
    traced to the op that makes it: 60 points a function, 40 a binary op, 20 a constant power (random.Random(22))."""
    ops = [(f"sweep {name}", f"{name}(x)", 60) for name in FUNCTIONS] + [("sweep neg", "-x", 20)]
    ops += [("sweep " + (op.split("(")[0] if "(" in op else op.split()[1]), op, 40) for op in BINARY_OPS]
    ops += [(f"sweep pow {c}", f"x ** {c}", 20) for c in CONSTANT_POWERS]
    return sweep(ops, random.Random(22))


def added_cases():
    """The functions of ADDED: the edge grid, and 60 random points each (random.Random(2112))."""
    cases = []
    for name in ADDED:
        cases += [case(f"unary {name}", f"{name}(x)", {"x": x}) for x in UNARY_GRID]
    return cases + sweep([(f"sweep {name}", f"{name}(x)", 60) for name in ADDED], random.Random(2112))


def sweep(ops, rng):
    cases = []
    for group, expr, count in ops:
        names = variables_of(ast.parse(expr, mode="eval"))
        made = 0
        while made < count:
            at = random_point(rng, names)
            with torch.no_grad():
                value = evaluate(ast.parse(expr, mode="eval"), {n: torch.tensor(v) for n, v in at.items()}).item()
            if math.isfinite(value):
                cases.append(case(group, expr, at))
                made += 1
    return cases


def all_cases():
    cases = []
    for name in FUNCTIONS:
        cases += [case(f"unary {name}", f"{name}(x)", {"x": x}) for x in UNARY_GRID]
    cases += [case("unary neg", "-x", {"x": x}) for x in UNARY_GRID]
    for op in BINARY_OPS:
        group = "binary " + (op.split("(")[0] if "(" in op else op.split()[1])
        cases += [case(group, op, {"x": x, "y": y}) for x in BINARY_GRID for y in BINARY_GRID]
    for c in CONSTANT_POWERS:
        cases += [case(f"pow {c}", f"x ** {c}", {"x": x}) for x in UNARY_GRID]
    for expr in COMPOSITIONS_X:
        cases += [case("composition", expr, {"x": x}) for x in COMPOSITION_X_GRID]
    for expr in COMPOSITIONS_XY:
        cases += [case("composition", expr, {"x": x, "y": y}) for x in BINARY_GRID for y in BINARY_GRID]
    cases.append(case("micrograd", micrograd_sanity_expr(), {"x": -4.0}))
    cases.append(case("micrograd", micrograd_more_ops_expr(), {"x": -4.0, "y": 2.0}))
    cases += op_sweep()
    cases += random_cases(2000)
    cases += added_cases()
    return cases


# ----------------------------------------------------------------------------------------------- micrograd's test_engine


def sanity_check():
    x = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
    z = 2 * x + 2 + x
    q = z.relu() + z * x
    h = (z * z).relu()
    y = h + q + q * x
    (gx,) = torch.autograd.grad(y, [x], create_graph=True)
    (hxx,) = torch.autograd.grad(gx, [x])
    return {"value": number(y.item()), "gradients": {"x": number(gx.item())}, "hessian": {"x": {"x": number(hxx.item())}}}


def more_ops(as_written):
    a = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    ten = torch.tensor(10.0, dtype=torch.float64)
    c = a + b
    d = a * b + b ** 3
    if as_written:
        c = c + c + 1
        c = c + 1 + c + (-a)
        d = d + d * 2 + (b + a).relu()
        d = d + 3 * d + (b - a).relu()
    else:
        c = c + (c + 1)
        c = c + (1 + c + (-a))
        d = d + (d * 2 + (b + a).relu())
        d = d + (3 * d + (b - a).relu())
    e = c - d
    f = e ** 2
    g = f / 2.0
    g = g + (10.0 / f if as_written else ten / f)
    ga, gb = torch.autograd.grad(g, [a, b], create_graph=True)
    haa, hab = torch.autograd.grad(ga, [a, b], retain_graph=True)
    hba, hbb = torch.autograd.grad(gb, [a, b])
    return {
        "value": number(g.item()),
        "gradients": {"a": number(ga.item()), "b": number(gb.item())},
        "hessian": {"a": {"a": number(haa.item()), "b": number(hab.item())},
                    "b": {"a": number(hba.item()), "b": number(hbb.item())}},
    }


def main():
    if not torch.__version__.startswith("1.13"):
        sys.exit(f"PyTorch 1.13 is needed (Debian's python3-torch), found {torch.__version__}")
    with open(os.path.join(HERE, "torch_edges.jsonl"), "w", encoding="utf-8", newline="\n") as out:
        for c in all_cases():
            out.write(json.dumps(c, separators=(", ", ": "), allow_nan=False) + "\n")
    engine = {
        "source": "karpathy/micrograd test/test_engine.py (commit 2e696df), PyTorch " + torch.__version__ + ", float64",
        "test_sanity_check": {"at": {"x": -4.0}, **sanity_check()},
        "test_more_ops": {"at": {"a": -4.0, "b": 2.0}, **more_ops(as_written=False)},
        "test_more_ops_as_written": {"at": {"a": -4.0, "b": 2.0}, **more_ops(as_written=True)},
    }
    with open(os.path.join(HERE, "micrograd_test_engine.json"), "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(engine, indent=2, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
