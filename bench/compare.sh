#!/usr/bin/env bash
# The moons demo (MLP 2-16-16-1, 100 samples, full batch, hinge loss + L2, SGD) run side by side:
#   C# through Micrograd.NN as `micrograd train` runs it (Mlp, Objective, Sgd, Trainer) with each engine: EagerEngine
#   (the step's Value graph built anew, Backward) and CompiledEngine (one sample's tape replayed over the 100 samples,
#   its layers as blocked kernels); the tool itself, packed and installed as users get it (bench/tool.sh: whole runs of
#   2,100 and 100 steps, the difference / 2,000); the seed-style Python Value; and PyTorch (batched float64 on one
#   thread, and op by op on scalars) when torch imports.
# Every run checks its losses against tests/Micrograd.Tests/Fixtures/moons_trajectory.json; the C# compiled runs are also
# checked against C# eager. Prints one Markdown table: ms per step, speed-up over Python Value, ratio to PyTorch batched.
#
# Usage: bench/compare.sh            (about three minutes)
# Environment: PYTHON=/path/to/python3 (default: the first of python3, /usr/bin/python3 that imports torch, else python3)
#              PY_STEPS=5 (steps timed for the slow scalar Python runs; the median step is reported), REPEAT=10 (C# repetitions of the 100 steps)
#              RESULTS=FILE (also keep every run's JSON line in FILE: allocation, GC counts and pauses per step, …)
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version | sed 's/^/.NET SDK /'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

dotnet build -c Release bench/Micrograd.Benchmarks -v quiet -nologo >/dev/null
bench="bench/Micrograd.Benchmarks/bin/Release/net10.0/Micrograd.Benchmarks.dll"
echo "running C# eager and compiled (100 steps x ${REPEAT:-10})..." >&2
dotnet "$bench" moons --engine all --steps 100 --repeat "${REPEAT:-10}" >> "$results"
echo "packing and installing the tool, then timing micrograd train (whole runs of 100 and 2,100 steps)..." >&2
bench/tool.sh >> "$results"

. bench/python_with_torch.sh
if [ -z "$python" ] && command -v python3 >/dev/null 2>&1; then python=python3; fi

if [ -n "$python" ]; then
  echo "running the Python Value baseline ($python, ${PY_STEPS:-5} steps)..." >&2
  "$python" bench/python/micrograd_baseline.py --steps "${PY_STEPS:-5}" >> "$results"
  if has_torch "$python"; then
    echo "running PyTorch batched (100 steps) and op by op on scalars (${PY_STEPS:-5} steps)..." >&2
    "$python" bench/python/torch_baseline.py --mode batched --steps 100 --warmup 100 >> "$results"
    "$python" bench/python/torch_baseline.py --mode scalar --steps "${PY_STEPS:-5}" >> "$results"
  else
    echo "PyTorch not found for $python (Debian: apt-get install python3-torch); skipping the PyTorch rows" >&2
  fi
else
  echo "python3 not found; skipping the Python rows" >&2
fi

dotnet "$bench" table "$results"
if [ -n "${RESULTS:-}" ]; then cp "$results" "$RESULTS"; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (other processes on the machine slow every row; compare rows of one run)" >&2
