# Sourced by bench/compare.sh and bench/scale.sh: sets python to $PYTHON, else to the first of python3 and
# /usr/bin/python3 that imports torch (Debian: apt-get install python3-torch), else empty; has_torch PYTHON tells.
has_torch() { "$1" -c 'import torch' >/dev/null 2>&1; }
python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && has_torch "$candidate"; then python="$candidate"; break; fi
  done
fi
