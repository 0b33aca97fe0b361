"""One size of the scale table in PyTorch (float64, one thread), the same network and data as the C# `train-size`:

    python3 bench/python/torch_scale.py --data DIR [--warmup-ms 2000] [--time-ms 3000]

DIR holds moons.csv and init.json as `train-size --out DIR` wrote them (MLP 2-H-H-1 relu). One step: the forward over the
whole batch as matrix products, hinge loss + 1e-4*sum(p^2), backward, SGD at a constant 0.1. Warms up, then times steps
for at least --time-ms (and at least 5 steps); prints one JSON line with the median ms per step, the CPU ms per step, the
peak resident memory of the process and the first loss. Exits 3 when torch cannot be imported.
"""

import csv
import json
import os
import resource
import statistics
import sys
import time

from torch_baseline import Batched, torch


def main(argv):
    options = {"--data": None, "--warmup-ms": "2000", "--time-ms": "3000"}
    for i in range(1, len(argv), 2):
        if argv[i] not in options or i + 1 >= len(argv):
            sys.exit(f"error: unknown argument {argv[i]!r}; use --data DIR, --warmup-ms MS, --time-ms MS")
        options[argv[i]] = argv[i + 1]
    folder = options["--data"]
    with open(os.path.join(folder, "moons.csv"), newline="") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("x")]
    X = [[float(r[0]), float(r[1])] for r in rows]
    y = [float(r[2]) for r in rows]
    with open(os.path.join(folder, "init.json")) as f:
        layers = json.load(f)["layers"]

    model = Batched(X, y, layers)
    first_loss, _ = model.step(0.1)
    start = time.perf_counter()
    while (time.perf_counter() - start) * 1000 < float(options["--warmup-ms"]):
        model.step(0.1)
    times = []
    cpu_start = time.process_time()
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start) * 1000 < float(options["--time-ms"]):
        t = time.perf_counter()
        model.step(0.1)
        times.append((time.perf_counter() - t) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / len(times)
    print(json.dumps({
        "engine": "torch-batched",
        "samples": len(X),
        "hidden": len(layers[0]["biases"]),
        "ms_per_step": statistics.median(times),
        "cpu_ms_per_step": cpu,
        "steps": len(times),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1),
        "first_loss": first_loss,
        "torch": torch.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
