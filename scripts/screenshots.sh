#!/usr/bin/env bash
# Screenshots of the real application under Xvfb, with fictional data, at the two screen
# sizes we support: PNGs in screenshots/ (unlock, first run, case list, a case, guided
# hearing steps, live transcript, lock screen). Look at them after each UI change.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-screenshots}
mkdir -p "$OUT"
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "xvfb-run est introuvable : lancez d'abord « make setup » (paquet xvfb)." >&2
  exit 1
fi
for size in 1366x768 1920x1080; do
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 ${size}x24 -nolisten tcp" \
    .venv/bin/python -m devtools.screenshots --out "$OUT" --size "$size"
done
# The UAPED and UMJ checklists, the body diagram and the officers' CMI view (1366×768).
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24 -nolisten tcp" \
  .venv/bin/python -m tests.ui.checklists.screenshots "$OUT"
echo "Captures d'écran dans $OUT/"
