#!/usr/bin/env bash
# Refresh the Arabic catalogue from the sources (pyside6-lupdate: new strings appear unfinished,
# removed ones become obsolete) and the English one (plural forms only), then compile both (pyside6-lrelease).
#   scripts/build_translations.sh            update the .ts and build the .qm
#   scripts/build_translations.sh --release  only build the .qm (what `make` needs)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
TS=resources/translations/annotator_ar.ts
EN=resources/translations/annotator_en.ts  # English: only the plural forms of messages with a count (%n)
if [ "${1:-}" != "--release" ]; then
  mapfile -t SOURCES < <(find annotator/ui -name "*.py" | sort)
  "$BIN/pyside6-lupdate" -no-obsolete -locations none "${SOURCES[@]}" -ts "$TS"
  "$BIN/pyside6-lupdate" -no-obsolete -locations none -pluralonly "${SOURCES[@]}" -ts "$EN"
fi
for ts in "$TS" "$EN"; do
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  echo "built ${ts%.ts}.qm"
done
