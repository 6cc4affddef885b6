#!/usr/bin/env bash
# Label Studio's own converter (label-studio-converter), for the consumer check of our Label Studio
# export (tests/formats/test_labelstudio_converter.py). Installed into a folder of its own inside the
# virtual environment, never into its site-packages: the wheel ships a top-level "tests" package
# that would shadow this repository's. The test runs it in a child process with only that folder on
# its path. Usage: scripts/install-ls-converter.sh VENV_PYTHON
set -euo pipefail
PY="${1:?usage: $0 VENV_PYTHON}"
PIN="label-studio-converter==0.0.59"
TARGET="$("$PY" -c 'import sys; print(sys.prefix)')/label-studio-converter"
STAMP="$TARGET/.installed-$PIN"
[ -e "$STAMP" ] && exit 0
"$PY" -m pip install --quiet --disable-pip-version-check --upgrade --target "$TARGET" "$PIN"
touch "$STAMP"
