#!/usr/bin/env bash
# The scale table: the compiled engine against PyTorch (batched, float64, one thread) as the network and the data grow.
# For each size, an MLP 2-H-H-1 with relu, N generated moons, hinge loss + 1e-4*sum(p^2), SGD, full batch: the C# bench's
# `train-size` (CompiledEngine through a Trainer, after a warm-up) writes its data and initial weights, then
# bench/python/torch_scale.py trains the same network on the same data; each runs in its own process, which reports its
# peak memory. Prints one Markdown table: ms per step, the ratio compiled / PyTorch (below 1: faster) and peak memory.
#
# Usage: bench/scale.sh                         (N in 100 1000 10000, H in 16 64 128: about three minutes)
# Environment: SAMPLES="100 1000" HIDDEN="16 64" (the sizes), PYTHON=/path/to/python3 (default: the first of python3,
#              /usr/bin/python3 that imports torch; without torch only the C# column is measured),
#              RESULTS=FILE (also keep every run's JSON line in FILE)
set -euo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$results" "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version | sed 's/^/.NET SDK /'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release bench/Micrograd.Benchmarks -v quiet -nologo >/dev/null
bench="bench/Micrograd.Benchmarks/bin/Release/net10.0/Micrograd.Benchmarks.dll"

. bench/python_with_torch.sh
[ -n "$python" ] || echo "PyTorch not found (Debian: apt-get install python3-torch); measuring the compiled engine only" >&2

for h in ${HIDDEN:-16 64 128}; do
  for n in ${SAMPLES:-100 1000 10000}; do
    echo "N $n, H $h..." >&2
    dotnet "$bench" train-size --samples "$n" --hidden "$h" --out "$work/$n-$h" >> "$results"
    if [ -n "$python" ]; then
      "$python" bench/python/torch_scale.py --data "$work/$n-$h" >> "$results"
    fi
  done
done

dotnet "$bench" size-table "$results"
if [ -n "${RESULTS:-}" ]; then cp "$results" "$RESULTS"; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
