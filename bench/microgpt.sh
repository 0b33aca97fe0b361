#!/usr/bin/env bash
# microgpt (karpathy's microgpt.py, February 2026) side by side, per training step of the default model (1 layer, width 16,
# 4 heads, context 16: 4,192 parameters) and of a bigger one (4 layers, width 64, context 32):
#   C# in process (bench/Micrograd.Benchmarks gpt): the compiled engine (GptKernel: the graph as loops over flat arrays)
#     and the eager one (each step's graph of Values, Backward), from microgpt's start; each checks its losses against
#     microgpt.py's (the default shape);
#   CPython: bench/python/microgpt_baseline.py, microgpt's scalar Value (its losses equal microgpt.py's, checked);
#   PyTorch float64 on one thread, a document at once with a causal mask (bench/python/microgpt_torch.py), when torch imports.
# Prints one JSON line per run, then a Markdown table: ms per step, and speed-ups over CPython and PyTorch.
#
# Usage: bench/microgpt.sh     (about three minutes; the bigger model's CPython steps take 15 s each)
# Environment: PYTHON (default: the first python3 that imports torch, else python3), PY_STEPS (CPython's timed steps, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(dotnet --version | sed 's/^/.NET SDK /'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

dotnet build -c Release bench/Micrograd.Benchmarks -v quiet -nologo >/dev/null
bench="bench/Micrograd.Benchmarks/bin/Release/net10.0/Micrograd.Benchmarks.dll"
big=(--layers 4 --embd 64 --heads 4 --block 32)
echo "C#: default shape, compiled (1,000 steps x 5) and eager (100 steps x 5)..." >&2
dotnet "$bench" gpt --engine all >> "$results"
echo "C#: 4x64, context 32, compiled (200 steps x 5) and eager (10 steps x 3)..." >&2
dotnet "$bench" gpt --engine compiled --steps 200 "${big[@]}" >> "$results"
dotnet "$bench" gpt --engine eager --steps 10 --repeat 3 --warmup-ms 1000 "${big[@]}" >> "$results"

. bench/python_with_torch.sh
if [ -z "$python" ] && command -v python3 >/dev/null 2>&1; then python=python3; fi
if [ -n "$python" ]; then
  echo "CPython: default shape (${PY_STEPS:-10} steps), 4x64 (2 steps)..." >&2
  "$python" bench/python/microgpt_baseline.py --steps "${PY_STEPS:-10}" >> "$results"
  "$python" bench/python/microgpt_baseline.py --steps 2 --warmup 0 "${big[@]}" >> "$results"
  if has_torch "$python"; then
    echo "PyTorch: default shape (1,000 steps), 4x64 (200 steps)..." >&2
    "$python" bench/python/microgpt_torch.py --steps 950 --warmup 50 >> "$results"
    "$python" bench/python/microgpt_torch.py --steps 180 --warmup 20 "${big[@]}" >> "$results"
  else
    echo "PyTorch not found for $python (Debian: apt-get install python3-torch); skipping its rows" >&2
  fi
fi

cat "$results"
python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def shape(r):
    s = r.get("shape") or r.get("run", "").replace("microgpt ", "")
    return "default" if s.startswith("1x16") else "4x64"
base = {}
for r in rows:
    base.setdefault((shape(r), r["engine"]), r["ms_per_step"])
print("\n| model | run | ms per step | × CPython | × PyTorch | equal to microgpt.py |")
print("| --- | --- | ---: | ---: | ---: | --- |")
for r in rows:
    s = shape(r)
    py, torch = base.get((s, "python")), base.get((s, "torch"))
    ms = r["ms_per_step"]
    eq = r.get("losses_equal_microgpt", r.get("max_abs_loss_difference_from_microgpt", ""))
    print(f"| {s} | {r['engine']} | {ms:.4g} | {py / ms:,.0f}× | {torch / ms:.3g}× | {eq} |".replace("| None", "| –") if py and torch else
          f"| {s} | {r['engine']} | {ms:.4g} | {(py / ms) if py else float('nan'):,.0f}× | – | {eq} |")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
