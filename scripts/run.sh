#!/usr/bin/env bash
# Starts the desktop application, or explains how to run without a display.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != "offscreen" ]; then
  cat >&2 <<'MSG'
Aucun écran détecté (ni DISPLAY ni WAYLAND_DISPLAY) : l'application graphique ne peut pas s'ouvrir.
Pour l'utiliser sans écran :
  - écran virtuel :        xvfb-run -s "-screen 0 1366x768x24" make run
  - démonstration seule :  TRAME_PASSWORD='…' .venv/bin/trame demo --out out/demo
  - tests :                make test
MSG
  exit 1
fi
exec .venv/bin/python -m desktop "$@"
