"""Shared pieces of the Python baselines: the moons data, the initial model, the reference trajectory, timing and output."""

import csv
import json
import os
import statistics
import sys
import time

ALPHA = 1e-4
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "tests", "Micrograd.Tests", "Fixtures")


def learning_rate(k):
    """The demo's schedule: 1.0 - 0.9*k/100 at step k."""
    return 1.0 - 0.9 * k / 100


def load(directory):
    """Returns (X, y, layers, trajectory): rows of two features, labels -1/1, the model file's layers, reference steps."""
    with open(os.path.join(directory, "moons.csv"), newline="") as f:
        rows = [r for r in csv.reader(f)][1:]
    X = [[float(r[0]), float(r[1])] for r in rows if r]
    y = [float(r[2]) for r in rows if r]
    with open(os.path.join(directory, "moons_init.json")) as f:
        layers = json.load(f)["layers"]
    with open(os.path.join(directory, "moons_trajectory.json")) as f:
        trajectory = json.load(f)["steps"]
    return X, y, layers, trajectory


def arguments(argv):
    """--steps N (how many steps to time), --warmup N (untimed steps first, on a separate model), --data DIR."""
    options = {"--steps": "3", "--warmup": "1", "--data": DEFAULT_DATA}
    i = 1
    while i < len(argv):
        if argv[i] in options and i + 1 < len(argv):
            options[argv[i]] = argv[i + 1]
            i += 2
        else:
            sys.exit(f"error: unknown argument {argv[i]!r}; use --steps N, --warmup N, --data DIR")
    return int(options["--steps"]), int(options["--warmup"]), options["--data"]


def run(name, engine, make_model, argv):
    """Times `steps` steps of `make_model()` from the initial weights (ms_per_step is the median step, robust to a busy
    machine; mean_ms_per_step the mean; cpu_ms_per_step the median step's process CPU time, which leaves out time spent
    waiting for a core), checks each loss and accuracy against the reference trajectory, and prints one
    JSON line (the format bench/compare.sh and `table` read)."""
    steps, warmup, directory = arguments(argv)
    X, y, layers, trajectory = load(directory)
    if warmup > 0:
        model = make_model(X, y, layers)
        for k in range(warmup):
            model.step(learning_rate(k))
    model = make_model(X, y, layers)
    losses, accuracies, times, cpu_times = [], [], [], []
    for k in range(steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        loss, accuracy = model.step(learning_rate(k))
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
        losses.append(loss)
        accuracies.append(accuracy)
    errors = [abs(l - t["loss"]) / abs(t["loss"]) for l, t in zip(losses, trajectory)]
    accuracy_matches = all(abs(a - t["accuracy"]) < 1e-12 for a, t in zip(accuracies, trajectory))
    print(json.dumps({
        "run": name,
        "engine": engine,
        "ms_per_step": statistics.median(times) * 1000,
        "mean_ms_per_step": sum(times) * 1000 / steps,
        "cpu_ms_per_step": statistics.median(cpu_times) * 1000,
        "steps": steps,
        "max_rel_loss_error": max(errors),
        "accuracy_matches": accuracy_matches,
        "python": sys.version.split()[0],
        "losses": losses,
    }))
    if max(errors) > 1e-9 or not accuracy_matches:
        print(f"error: {name} does not reproduce moons_trajectory.json", file=sys.stderr)
        return 1
    return 0
