#!/usr/bin/env bash
# Print the path of a Python for the virtual environment: 3.12 first (PySide6 6.12 is known good
# there), then 3.13, then 3.11 (pyproject.toml pins PySide6 below 6.12 on 3.11: DESIGN.md section 4).
# pyenv shims that exist but are not activated are skipped, as are Pythons without venv/ensurepip.
set -u
candidates=()
for v in 3.12 3.13 3.11; do
  candidates+=("python$v")
  for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/$v*/bin/python$v; do [ -x "$d" ] && candidates+=("$d"); done
done
candidates+=(python3)
for c in "${candidates[@]}"; do
  p=$(command -v "$c" 2>/dev/null) || continue
  if "$p" -c 'import sys, venv, ensurepip; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))' 2>/dev/null; then
    echo "$p"; exit 0
  fi
done
echo "No suitable Python found: this app needs Python 3.11, 3.12 or 3.13 with the venv module." >&2
echo "On Debian: apt-get install python3 python3-venv" >&2
exit 1
