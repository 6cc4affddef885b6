#!/usr/bin/env bash
# Refresh the Arabic catalogue from the sources (pyside6-lupdate: new strings appear unfinished,
# removed ones become obsolete), then compile it to annotator_ar.qm (pyside6-lrelease).
#   scripts/build_translations.sh            update the .ts and build the .qm
#   scripts/build_translations.sh --release  only build the .qm (what `make` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
TS=resources/translations/annotator_ar.ts
if [ "${1:-}" != "--release" ]; then
  mapfile -t SOURCES < <(find annotator/ui -name "*.py" | sort)
  "$BIN/pyside6-lupdate" -no-obsolete -locations none "${SOURCES[@]}" -ts "$TS"
fi
"$BIN/pyside6-lrelease" -silent "$TS" -qm "${TS%.ts}.qm"
echo "built ${TS%.ts}.qm"
