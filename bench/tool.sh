#!/usr/bin/env bash
# The tool as users get it: packs src/Micrograd.Cli (Release, as shipped) into a temporary folder feed, installs it with
# `dotnet tool install --tool-path` (through a temporary package cache), then times `micrograd train` on the moons demo,
# whole runs of 100 and 2,100 steps (the bench's `tool` verb): ms per step = (2,100-step run - 100-step run) / 2,000, and
# the whole 100-step run, process start included. Prints one JSON line (bench/compare.sh adds it to its table).
#
# Usage: bench/tool.sh
# Environment: TOOL=/path/to/micrograd (time that tool instead of packing one), REPEAT=5 (runs of each length)
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release bench/Micrograd.Benchmarks -v quiet -nologo >/dev/null
tool="${TOOL:-}"
if [ -z "$tool" ]; then
  dotnet pack src/Micrograd.Cli -c Release -o "$work/feed" -v quiet -nologo >/dev/null
  # a package cache of its own, deleted with $work: the global one may hold an earlier Micrograd.Cli of the same version,
  # which the install would take instead of the one just packed, and must not keep this one
  NUGET_PACKAGES="$work/packages" dotnet tool install --tool-path "$work/tool" --add-source "$work/feed" Micrograd.Cli >/dev/null
  tool="$work/tool/micrograd"
fi
dotnet bench/Micrograd.Benchmarks/bin/Release/net10.0/Micrograd.Benchmarks.dll tool --micrograd "$tool" --repeat "${REPEAT:-5}"
